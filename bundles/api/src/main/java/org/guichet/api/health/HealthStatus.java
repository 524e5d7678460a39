package org.guichet.api.health;

/** The state of one part of the portal at the moment it was checked. */
public record HealthStatus(boolean up, String detail) {
    public static HealthStatus up(String detail) { return new HealthStatus(true, detail); }
    public static HealthStatus down(String detail) { return new HealthStatus(false, detail); }
}
