package dev.meshkit.model;

/** Where consumers get help with a product, e.g. a Slack channel. */
public record Support(String channel, String tool, String url) {}
