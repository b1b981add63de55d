/**
 * Product contracts: the published schema of each product compared between two versions of a
 * mesh, each change classified as breaking or compatible, with the version bump it needs. Pure
 * logic over {@link dev.meshkit.ProductContract}s, so the embedded engine (before a reload) and
 * the command line ({@code meshkit diff}) judge changes alike.
 */
package dev.meshkit.contract;
