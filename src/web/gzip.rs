//! Gzip answers spliced from pieces: parts compressed once ahead of time ([`Deflated`]) and
//! parts compressed per request, joined into one gzip member (RFC 1952) without compressing the
//! whole again.
//!
//! Every part is a run of raw deflate blocks that starts and ends on a byte boundary, none of
//! them final, and none referring to bytes before its own start: a part compressed ahead of time
//! comes from a fresh compressor and ends with a full flush; a part compressed per request goes
//! through one compressor reset at each part (a full flush), or is stored as it is when it is too
//! short to gain. The member's CRC-32 is combined from the parts' ([`crc32fast::Hasher::combine`]).

use std::cell::RefCell;

use flate2::{Compress, Compression, FlushCompress, Status};

/// A gzip header with no name, no time and an unknown OS.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// Level of the parts compressed per request: the fastest that still finds repeats.
const FRESH_LEVEL: u32 = 1;

/// Fresh parts shorter than this are stored: compressing them gains less than a full flush
/// costs (it clears the compressor's hash table).
const STORE_BELOW: usize = 256;

/// Largest stored block (its length is 16 bits).
const MAX_STORED: usize = 0xffff;

/// A part compressed ahead of time: raw deflate blocks ending with a full flush, the CRC-32 and
/// the length of what they hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct Deflated {
    pub bytes: Box<[u8]>,
    pub crc: u32,
    pub len: u64,
}

impl Deflated {
    /// Compresses `data` at `level` on its own, so that the blocks can follow any other part.
    pub(crate) fn new(data: &[u8], level: u32) -> Self {
        let mut compress = Compress::new(Compression::new(level), false);
        let mut bytes = Vec::with_capacity(data.len() / 4 + 64);
        deflate(&mut compress, data, FlushCompress::Full, &mut bytes);
        Deflated {
            bytes: bytes.into_boxed_slice(),
            crc: crc32fast::hash(data),
            len: data.len() as u64,
        }
    }
}

/// One part of an answer: text to compress now, or a part compressed before.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part<'a> {
    Fresh(&'a [u8]),
    Ready(&'a Deflated),
}

thread_local! {
    /// One compressor per thread, reset for each answer (allocating one costs more than a reset).
    static FRESH: RefCell<Compress> = RefCell::new(Compress::new(Compression::new(FRESH_LEVEL), false));
}

/// The gzip member holding `parts` in order.
pub(crate) fn gzip(parts: &[Part<'_>]) -> Vec<u8> {
    let ready: usize = parts
        .iter()
        .map(|p| match p {
            Part::Fresh(data) => data.len() / 3,
            Part::Ready(d) => d.bytes.len(),
        })
        .sum();
    let mut out = Vec::with_capacity(HEADER.len() + ready + 64);
    out.extend_from_slice(&HEADER);
    let mut crc = crc32fast::Hasher::new();
    let mut len = 0u64;
    FRESH.with(|fresh| {
        let mut compress = fresh.borrow_mut();
        compress.reset();
        for part in parts {
            match *part {
                Part::Fresh(data) if data.len() < STORE_BELOW => store(data, &mut out),
                Part::Fresh(data) => deflate(&mut compress, data, FlushCompress::Full, &mut out),
                Part::Ready(d) => out.extend_from_slice(&d.bytes),
            }
            match *part {
                Part::Fresh(data) => {
                    crc.update(data);
                    len += data.len() as u64;
                }
                Part::Ready(d) => {
                    crc.combine(&crc32fast::Hasher::new_with_initial_len(d.crc, d.len));
                    len += d.len;
                }
            }
        }
    });
    // The final block: empty, fixed Huffman codes (BFINAL, BTYPE 01, end of block).
    out.extend_from_slice(&[0x03, 0x00]);
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    // ISIZE is the length modulo 2^32.
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out
}

/// Appends `data` as stored (uncompressed) blocks, not final.
fn store(data: &[u8], out: &mut Vec<u8>) {
    for chunk in data.chunks(MAX_STORED) {
        let n = chunk.len() as u16;
        out.push(0);
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(!n).to_le_bytes());
        out.extend_from_slice(chunk);
    }
}

/// Compresses all of `data` into `out`, ending with `flush`.
fn deflate(compress: &mut Compress, data: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    let start = compress.total_in();
    loop {
        let done = (compress.total_in() - start) as usize;
        out.reserve(data.len().saturating_sub(done) / 2 + 64);
        let status = compress
            .compress_vec(&data[done..], out, flush)
            .expect("deflate takes any input");
        let consumed = (compress.total_in() - start) as usize == data.len();
        // Output left room: everything asked was written, flush included.
        if consumed && (status == Status::StreamEnd || out.len() < out.capacity()) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("a valid gzip member");
        out
    }

    #[test]
    fn spliced_parts_decompress_to_their_concatenation() {
        let long = "<p class=\"claim\">The sources disagree.</p>\n".repeat(300);
        let ready = [Deflated::new(long.as_bytes(), 9), Deflated::new(b"", 6)];
        let fresh = "<td>head, with a repeat: <td>head</td>".repeat(20);
        let parts = [
            Part::Fresh(fresh.as_bytes()),
            Part::Ready(&ready[0]),
            Part::Fresh(b"</td>"),
            Part::Ready(&ready[1]),
            Part::Ready(&ready[0]),
            Part::Fresh(fresh.as_bytes()),
            Part::Fresh(b""),
        ];
        let want: Vec<u8> = [fresh.as_str(), &long, "</td>", "", &long, &fresh]
            .concat()
            .into_bytes();
        let zipped = gzip(&parts);
        assert_eq!(gunzip(&zipped), want);
        // Smaller than the text: the parts are compressed, not stored.
        assert!(zipped.len() < want.len() / 4, "{}", zipped.len());
        // Again on the same thread: the compressor is reset between answers.
        assert_eq!(gunzip(&gzip(&parts)), want);
    }

    #[test]
    fn no_parts_is_an_empty_member() {
        assert_eq!(gunzip(&gzip(&[])), b"");
        let big = vec![b'x'; 3 * MAX_STORED / 2];
        assert_eq!(gunzip(&gzip(&[Part::Fresh(&big[..100])])), &big[..100]);
        assert_eq!(gunzip(&gzip(&[Part::Fresh(&big)])), big);
    }
}
