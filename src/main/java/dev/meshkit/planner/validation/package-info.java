/**
 * meshkit's SQL before planning: the validator, its implicit conversions and the SQL it accepts,
 * for consumers' statements and products alike.
 */
package dev.meshkit.planner.validation;
