#!/usr/bin/env python3
"""Where the CPU went during a JFR recording: execution samples by innermost library, and Guichet's frames inclusive.
Usage: jfr print --events jdk.ExecutionSample --stack-depth 80 recording.jfr > samples.txt
       python3 docs/scripts/jfr-summary.py samples.txt"""
import collections
import re
import sys

LIBRARIES = [("org.apache.derby", "Derby (SQL engine)"), ("org.postgresql", "PostgreSQL driver"),
             ("org.kie", "Drools (rules)"), ("org.drools", "Drools (rules)"), ("javax.mail", "mail (.eml)"),
             ("com.sun.mail", "mail (.eml)"), ("MailWriter", "mail (.eml)"), ("org.eclipse.persistence", "EclipseLink (JPA)"),
             ("com.fasterxml.jackson", "Jackson (JSON)"), ("org.apache.cxf", "CXF"), ("org.eclipse.jetty", "Jetty"),
             ("org.bouncycastle", "argon2id (BouncyCastle)")]

def library(frame):
    for prefix, name in LIBRARIES:
        if prefix in frame:
            return name
    return None

events = open(sys.argv[1]).read().split("jdk.ExecutionSample")[1:]
by_library, inclusive, n = collections.Counter(), collections.Counter(), 0
for event in events:
    frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
    if not frames:
        continue
    n += 1
    by_library[next((library(f) for f in frames if library(f)), "other (JDK, OSGi, Guichet's own code)")] += 1
    for f in set(frames):
        if "org.guichet" in f:
            inclusive[f] += 1
print(f"{n} samples")
for name, count in by_library.most_common():
    print(f"{100 * count / n:5.1f}%  {name}")
print("Guichet's frames, inclusive:")
for frame, count in inclusive.most_common(15):
    print(f"{100 * count / n:5.1f}%  {frame}")
