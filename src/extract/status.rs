//! The incident's status: the latest stage of the lifecycle the text states
//! (LABELLING.md "status").
//!
//! - Every status word of a sentence about the incident is a candidate
//!   (`resolved` in a clause of partial restoration, or with a specific
//!   symptom still reported in the sentence's next clause, reads `recovering`; a
//!   stage not reached yet, "not yet restored", is none: see `extract`).
//! - The last status word read is the latest stage (news mostly tells an
//!   incident forwards: measured on the dev set and tests/gold, the last
//!   word is right more often than the furthest stage named anywhere).
//!   Stages: `investigating` < `identified` < `recovering` < `monitoring` < `resolved`.
//!   Investigating after restoration began is about the cause, not a step back.
//! - A cause stated without hedging, with nothing restored, is `identified`.
//! - A stated length of the outage ("down for half an hour", "약 22분 만에")
//!   closes it: `resolved`, when nothing further says otherwise.

/// The lifecycle's stages, earliest first.
pub(crate) const STAGES: [&str; 5] = ["investigating", "identified", "recovering", "monitoring", "resolved"];

/// How far along the lifecycle a status id is (unknown ids first).
pub(crate) fn rank(id: &str) -> usize {
    STAGES.iter().position(|s| *s == id).map_or(0, |p| p + 1)
}

/// Which of the status words read, in text order, states the latest stage:
/// the last one, but looking into the cause once restoration is under way or
/// done ("restoring step by step; the cause is being investigated") takes
/// nothing back.
pub(crate) fn latest(ids: &[&str]) -> Option<usize> {
    (0..ids.len())
        .rev()
        .find(|&i| ids[i] != "investigating" || !ids[..i].iter().any(|p| matches!(*p, "recovering" | "resolved")))
}

/// The status id implied when the words name none further along: a stated
/// cause makes `identified`, a stated length `resolved`.
pub(crate) fn implied(stated: Option<&str>, has_cause: bool, has_duration: bool) -> Option<&'static str> {
    let r = stated.map_or(0, rank);
    if has_duration && r < rank("recovering") {
        Some("resolved")
    } else if has_cause && r == 0 {
        Some("identified")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_stage_read_but_investigating_takes_no_restoration_back() {
        assert_eq!(latest(&["investigating", "recovering"]), Some(1));
        assert_eq!(latest(&["recovering", "investigating"]), Some(0));
        assert_eq!(latest(&["identified", "investigating"]), Some(1));
        assert_eq!(latest(&[]), None);
    }

    #[test]
    fn a_cause_or_a_length_implies_a_stage() {
        assert_eq!(implied(None, true, false), Some("identified"));
        assert_eq!(implied(Some("investigating"), true, false), None);
        assert_eq!(implied(Some("recovering"), true, false), None);
        assert_eq!(implied(Some("identified"), false, true), Some("resolved"));
        assert_eq!(implied(None, false, false), None);
    }
}
