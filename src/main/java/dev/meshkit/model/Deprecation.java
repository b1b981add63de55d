package dev.meshkit.model;

import java.time.LocalDate;

/** What replaces a deprecated or retired product ({@code domain.product}) and when it goes; any part may be null. */
public record Deprecation(String replacedBy, LocalDate sunset, String note) {}
