//! The canonical ids of the output contract (FACTS.md) besides services:
//! every fact of these kinds uses one of them. Service ids are
//! `provider/service` and come from the dictionary.
//!
//! ```
//! assert!(outage_news::ids::STATUSES.contains(&"resolved"));
//! ```

/// Symptom ids: what users saw.
pub const SYMPTOMS: &[&str] = &[
    "service-down",
    "access-failure",
    "login-failure",
    "send-failure",
    "receive-failure",
    "error-message",
    "license-error",
    "slowness",
    "feature-unavailable",
    "payment-failure",
    "connectivity-loss",
    "crash",
    "data-loss",
];
/// Cause ids: why it happened.
pub const CAUSES: &[&str] = &[
    "config-change",
    "network-infrastructure",
    "authentication",
    "ddos",
    "cyberattack",
    "traffic-surge",
    "power-failure",
    "hardware-failure",
    "software-bug",
    "cable-cut",
    "dns",
    "certificate",
];
/// Mitigation ids: what was done.
pub const MITIGATIONS: &[&str] =
    &["rollback", "fix-deployed", "restart", "traffic-rerouting", "failover", "workaround-advised"];
/// Status ids, in the order an incident goes through them.
pub const STATUSES: &[&str] = &["investigating", "identified", "recovering", "monitoring", "resolved"];
/// Region ids besides ISO 3166-1 alpha-2 country codes.
pub const MACRO_REGIONS: &[&str] =
    &["global", "asia-pacific", "europe", "north-america", "latin-america", "middle-east-africa"];
