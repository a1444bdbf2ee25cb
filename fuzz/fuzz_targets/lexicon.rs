//! Arbitrary dictionary files: valid, or an error naming the file and line;
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = outage_news::validate_lexicon("fuzz.toml", text) {
        assert!(e.to_string().starts_with("fuzz.toml:"), "{e}");
    }
});
