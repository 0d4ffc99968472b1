//! A program in a share link: deflated and written in URL-safe base64 (the link's `prog`), and read back with its limits.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// The most source a packed program may unpack to: the parser's own limit.
pub const UNPACKED_BYTES_MAX: usize = crate::MAX_SOURCE_BYTES;

/// Deflate's best compression: links are written once and read many times.
const LEVEL: u8 = 9;

/// The link's `prog` for a source.
pub fn pack(source: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
        source.as_bytes(),
        LEVEL,
    ))
}

/// The source a link's `prog` holds, or why it holds none, in words for the
/// person who opened the link.
pub fn unpack(packed: &str) -> Result<String, String> {
    let deflated = URL_SAFE_NO_PAD.decode(packed).map_err(|_| {
        "prog: not a program written by Share (its text is not URL-safe base64; was the link cut short?)"
            .to_string()
    })?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, UNPACKED_BYTES_MAX)
        .map_err(|error| match error.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!(
            "prog: the program unpacks to more than {} KiB, the most a program may have",
            UNPACKED_BYTES_MAX / 1024
        ),
        _ => "prog: not a program written by Share (it does not unpack; was the link cut short?)"
            .to_string(),
    })?;
    String::from_utf8(bytes)
        .map_err(|_| "prog: the program unpacks to text that is not UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_program_unpacks_to_itself() {
        let source = include_str!("../../core/go/pool/main.go");
        let packed = pack(source);
        assert!(
            packed.len() < source.len(),
            "{} of {}",
            packed.len(),
            source.len()
        );
        assert!(packed
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(unpack(&packed).as_deref(), Ok(source));
    }

    #[test]
    fn broken_packs_say_what_is_wrong() {
        let packed = pack("package main\n\nfunc main() {}\n");
        // Whole groups of four characters, so the cut is still base64.
        let cut = &packed[..packed.len() / 8 * 4];
        assert!(
            unpack(cut).unwrap_err().contains("does not unpack"),
            "{cut}"
        );
        assert!(unpack("a+b").unwrap_err().contains("base64"));
        let bomb = pack(&" ".repeat(UNPACKED_BYTES_MAX + 1));
        assert!(unpack(&bomb).unwrap_err().contains("more than 1024 KiB"));
        let not_utf8 =
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9));
        assert!(unpack(&not_utf8).unwrap_err().contains("UTF-8"));
    }
}
