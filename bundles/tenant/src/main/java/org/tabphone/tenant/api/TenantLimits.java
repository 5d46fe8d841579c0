package org.tabphone.tenant.api;

/**
 * What one tenant may use at once.
 *
 * @param maxRegistrations bindings across all its users
 * @param maxCalls         concurrent calls
 */
public record TenantLimits(int maxRegistrations, int maxCalls) {
}
