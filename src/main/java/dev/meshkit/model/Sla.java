package dev.meshkit.model;

import java.time.Duration;

/** The product's freshness promise: its newest {@code timestampColumn} value is at most {@code freshness} old. */
public record Sla(Duration freshness, String timestampColumn) {}
