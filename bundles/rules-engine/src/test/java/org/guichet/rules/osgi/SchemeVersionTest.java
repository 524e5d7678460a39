package org.guichet.rules.osgi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class SchemeVersionTest {
    @Test
    void bundleVersionMustBeTheSchemeVersionQualifierAside() {
        assertTrue(SchemeExtender.sameVersion(Version.parseVersion("1.0.0"), "1.0.0"));
        assertTrue(SchemeExtender.sameVersion(Version.parseVersion("1.0.0.SNAPSHOT"), "1.0.0"));
        assertTrue(SchemeExtender.sameVersion(Version.parseVersion("1.2.0"), "1.2"));
        assertFalse(SchemeExtender.sameVersion(Version.parseVersion("1.0.0"), "1.1.0"));
        assertFalse(SchemeExtender.sameVersion(Version.parseVersion("1.0.0"), "version one"));
    }
}
