//! Gzip answers spliced from pieces: parts compressed once ahead of time ([`Deflated`]) and
//! parts of the request's own, stored as they are, joined into one gzip member (RFC 1952)
//! without compressing anything per request.
//!
//! Every part is a run of raw deflate blocks that starts and ends on a byte boundary, none of
//! them final, and none referring to bytes before its own start: a part compressed ahead of time
//! comes from a fresh compressor and ends with a full flush; a request's own part is stored
//! blocks. The member's CRC-32 is combined from the parts': a part's CRC-32 and the factor
//! x^(8·length) mod P are kept with it, so that appending it is one multiplication (as zlib's
//! `crc32_combine_op` does) instead of a walk over its length.
//!
//! Why stored: the request's own parts of a comparison (head, headings, form) are about 13 KB;
//! compressing them at level 1 took more time than everything else the answer does (one and a
//! half times the throughput under load without it), for 9 KB less on the wire.

use flate2::{Compress, Compression, FlushCompress, Status};

/// A gzip header with no name, no time and an unknown OS.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// Largest stored block (its length is 16 bits).
const MAX_STORED: usize = 0xffff;

/// A part compressed ahead of time: raw deflate blocks ending with a full flush, the CRC-32 and
/// the length of what they hold.
#[derive(Debug, Clone, Default)]
pub(crate) struct Deflated {
    pub bytes: Box<[u8]>,
    pub crc: u32,
    pub len: u64,
    /// x^(8·len) modulo the CRC-32 polynomial, to append this part's CRC-32 to another's.
    shift: u32,
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
            shift: x8n_mod_p(data.len() as u64),
        }
    }
}

/// One part of an answer: text to store, or a part compressed before.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part<'a> {
    Fresh(&'a [u8]),
    Ready(&'a Deflated),
}

/// The gzip member holding `parts` in order.
pub(crate) fn gzip(parts: &[Part<'_>]) -> Vec<u8> {
    let size: usize = parts.iter().map(|p| p.size()).sum();
    let mut out = Vec::with_capacity(HEADER.len() + size + 10);
    out.extend_from_slice(&HEADER);
    let mut crc = 0u32;
    let mut len = 0u64;
    for part in parts {
        match *part {
            Part::Fresh(data) => {
                store(data, &mut out);
                let mut hasher = crc32fast::Hasher::new_with_initial(crc);
                hasher.update(data);
                crc = hasher.finalize();
                len += data.len() as u64;
            }
            Part::Ready(d) => {
                out.extend_from_slice(&d.bytes);
                crc = mul_mod_p(d.shift, crc) ^ d.crc;
                len += d.len;
            }
        }
    }
    // The final block: empty, fixed Huffman codes (BFINAL, BTYPE 01, end of block).
    out.extend_from_slice(&[0x03, 0x00]);
    out.extend_from_slice(&crc.to_le_bytes());
    // ISIZE is the length modulo 2^32.
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out
}

impl Part<'_> {
    /// Bytes the part takes in the member.
    fn size(&self) -> usize {
        match self {
            Part::Fresh(data) => data.len() + 5 * (data.len() / MAX_STORED + 1),
            Part::Ready(d) => d.bytes.len(),
        }
    }
}

/// The CRC-32 polynomial, reflected (bit 31 is x^0).
const POLY: u32 = 0xedb8_8320;

/// a·b modulo the CRC-32 polynomial, both reflected (zlib's `multmodp`).
fn mul_mod_p(a: u32, mut b: u32) -> u32 {
    let mut product = 0;
    let mut m = 1u32 << 31;
    while m != 0 && a & (m | (m - 1)) != 0 {
        if a & m != 0 {
            product ^= b;
        }
        m >>= 1;
        b = if b & 1 == 1 { (b >> 1) ^ POLY } else { b >> 1 };
    }
    product
}

/// x^(8·n) modulo the CRC-32 polynomial, reflected: what a CRC-32 is multiplied by when n
/// bytes follow.
fn x8n_mod_p(mut n: u64) -> u32 {
    let mut power = 1u32 << 31; // x^0
    let mut square = 1u32 << 23; // x^8
    while n != 0 {
        if n & 1 == 1 {
            power = mul_mod_p(square, power);
        }
        square = mul_mod_p(square, square);
        n >>= 1;
    }
    power
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
        // The parts compressed ahead are compressed; the others are stored.
        let stored = 2 * fresh.len() + "</td>".len() + 4 * 5;
        assert!(zipped.len() < stored + long.len() / 10, "{}", zipped.len());
    }

    #[test]
    fn crcs_combine_as_crc32fast_combines_them() {
        let data: Vec<u8> = (0..70_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for (a, b) in [
            (0, 0),
            (0, 5),
            (7, 0),
            (1, 1),
            (100, 3000),
            (40_000, 30_000),
        ] {
            let (x, y) = (&data[..a], &data[a..a + b]);
            let mut want = crc32fast::Hasher::new();
            want.update(x);
            want.update(y);
            let got = mul_mod_p(x8n_mod_p(b as u64), crc32fast::hash(x)) ^ crc32fast::hash(y);
            assert_eq!(got, want.finalize(), "{a} + {b}");
        }
    }

    #[test]
    fn no_parts_is_an_empty_member() {
        assert_eq!(gunzip(&gzip(&[])), b"");
        let big = vec![b'x'; 3 * MAX_STORED / 2];
        assert_eq!(gunzip(&gzip(&[Part::Fresh(&big[..100])])), &big[..100]);
        assert_eq!(gunzip(&gzip(&[Part::Fresh(&big)])), big);
    }
}
