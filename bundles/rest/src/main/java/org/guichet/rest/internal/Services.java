package org.guichet.rest.internal;

/** Domain services come and go with their bundles; a missing one is a 503, never a NullPointerException. */
final class Services {
    private Services() { }

    static <T> T require(T service) {
        if (service == null) {
            throw new ServiceNotReadyException();
        }
        return service;
    }
}
