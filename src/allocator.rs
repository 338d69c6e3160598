//! The global allocator of the binary, the benchmarks and the profiling example: mimalloc,
//! entered through its plain functions where the alignment asked for is one every mimalloc
//! block has anyway.
//!
//! `mimalloc::MiMalloc` calls `mi_malloc_aligned` for every allocation, which checks the
//! alignment before taking the small-block path; extraction makes about 2,700 small allocations
//! per article, and that check was a tenth of the allocator's instructions.
//!
//! [`configure`] turns transparent huge pages off for the process, first thing in `main`.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::{c_int, c_long, c_void};

use libmimalloc_sys as mi;

/// The alignment every mimalloc block has: its size classes are multiples of a machine word.
const WORD: usize = std::mem::size_of::<usize>();

/// `mi_option_allow_thp` in the vendored mimalloc v3's `mi_option_e` (`mimalloc.h`); the test
/// below checks that the linked mimalloc is still v3.
const MI_OPTION_ALLOW_THP: c_int = 43;

// mimalloc's option functions and version, from the library `libmimalloc-sys` links in. The
// crate declares them only with its `extended` feature; these are their C signatures.
unsafe extern "C" {
    fn mi_option_set(option: c_int, value: c_long);
    #[cfg(test)]
    fn mi_option_get(option: c_int) -> c_long;
    #[cfg(test)]
    fn mi_version() -> c_int;
}

/// Turns transparent huge pages off for the whole process, as `MIMALLOC_ALLOW_THP=0` would.
///
/// Why: mimalloc asks the kernel for huge pages (`MADV_HUGEPAGE`) on every arena it maps, and
/// on the 2-core VM the kernel then zeroes, and often first compacts, a 2 MB page at each first
/// touch. That was most of the system time of `index`, `merge` and a snapshot start, and made
/// it swing from 0.2 to 2.7 s between identical starts (BENCHMARKS.md, "Huge pages off"); with
/// 4 KB pages it is about half and steady, for about 2% more user time (TLB misses, likely).
///
/// mimalloc reads its options in a C constructor and maps its first arena (with the advice)
/// before `main` runs, so setting the option alone would only spare later arenas:
/// `PR_SET_THP_DISABLE` is what mimalloc itself does for `MIMALLOC_ALLOW_THP=0`, and it also
/// covers the memory already advised. Child processes inherit it.
pub fn configure() {
    // SAFETY: sets one integer option; mimalloc reads options with atomic loads from any thread.
    unsafe { mi_option_set(MI_OPTION_ALLOW_THP, 0) };
    #[cfg(target_os = "linux")]
    // SAFETY: a prctl that takes plain integers and touches no memory of ours; on an older
    // kernel it fails with EINVAL and the process keeps huge pages, which is only slower.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// mimalloc, as `mimalloc::MiMalloc` but without the aligned entry points for word alignment.
pub struct Mimalloc;

// SAFETY: every block mimalloc returns is aligned to a machine word, so for layouts of at most
// that alignment the plain functions meet `GlobalAlloc`'s contract; larger alignments take the
// aligned functions, as `mimalloc::MiMalloc` does for all.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain FFI calls; mimalloc accepts any size and power-of-two alignment.
        unsafe {
            if layout.align() <= WORD {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if layout.align() <= WORD {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from mimalloc with `layout`'s alignment, which the new block keeps.
        unsafe {
            if layout.align() <= WORD {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_numbers_are_those_of_mimalloc_v3() {
        // SAFETY: a plain FFI call without arguments.
        let version = unsafe { mi_version() };
        assert!((30_000..40_000).contains(&version), "mimalloc {version}");
    }

    #[test]
    fn configure_turns_huge_pages_off() {
        configure();
        // SAFETY: plain FFI calls that read one option and one flag of the process.
        unsafe {
            assert_eq!(mi_option_get(MI_OPTION_ALLOW_THP), 0);
            #[cfg(target_os = "linux")]
            assert_eq!(libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0), 1);
        }
    }

    #[test]
    fn blocks_keep_the_alignment_asked_for() {
        let a = Mimalloc;
        for size in 1..200 {
            for align in [1, 2, 4, 8, 16, 32, 64] {
                let layout = Layout::from_size_align(size, align).expect("valid");
                // SAFETY: a non-zero size; each block is freed once, through the allocator.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(
                        !p.is_null() && (p as usize).is_multiple_of(align),
                        "{size} {align}"
                    );
                    let q = a.realloc(p, layout, size * 3);
                    assert!(
                        !q.is_null() && (q as usize).is_multiple_of(align),
                        "{size} {align}"
                    );
                    a.dealloc(q, Layout::from_size_align(size * 3, align).expect("valid"));
                    let z = a.alloc_zeroed(layout);
                    assert!(std::slice::from_raw_parts(z, size).iter().all(|&b| b == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
