//! Message buffers made the way `numpy.empty` makes them, so that Rust's ping-pong
//! moves the same kind of memory as mpi4py's.
//!
//! `numpy.empty(n, "B")` calls `malloc(n)` and writes nothing. For a large `n` (glibc:
//! from 128 KiB, or more once large blocks have been freed), `malloc` maps fresh pages
//! from the kernel, and the kernel creates a page only when it is first touched:
//! reading an untouched page maps the one page of zeros that the kernel shares among
//! all processes, and only writing gives it a page of its own. From 4 MiB on, NumPy
//! also asks for *huge* pages (`madvise(MADV_HUGEPAGE)`, 2 MiB instead of 4 KiB), which
//! the kernel then uses, for zeros too, where its setting allows it (`madvise` or
//! `always` in `/sys/kernel/mm/transparent_hugepage/enabled`).
//!
//! `vec![0_u8; n]` gets the first part right: it allocates with `calloc`, which knows
//! that freshly mapped pages are zero and does not write them. [`empty`] adds the
//! second.

/// NumPy's threshold for asking for huge pages: 4 MiB.
const HUGE_FROM: usize = 4 << 20;
/// The size of a small page, which `madvise` needs its start aligned to.
const PAGE: usize = 4096;

/// `n` zero bytes, not written by this process; with `huge`, from [`HUGE_FROM`] bytes on,
/// huge pages asked for, as NumPy does.
pub fn empty(n: usize, huge: bool) -> Vec<u8> {
    let buffer = vec![0_u8; n];
    if huge && n >= HUGE_FROM {
        advise_huge_pages(&buffer);
    }
    buffer
}

/// Asks the kernel for huge pages under `buffer`, from its first page boundary on,
/// as NumPy does (which skips a whole page when the start is aligned already).
#[cfg(target_os = "linux")]
fn advise_huge_pages(buffer: &[u8]) {
    let offset = PAGE - buffer.as_ptr() as usize % PAGE;
    if offset >= buffer.len() {
        return;
    }
    // SAFETY: the range starts inside `buffer` (offset < len), at a page boundary as
    // madvise requires, and is memory of this process that stays mapped while
    // `buffer` lives. MADV_HUGEPAGE only changes which pages the kernel may back the
    // range with, never what it holds or whether it may be accessed; where the
    // kernel rounds the length up to a page, the advice reaches the rest of the page,
    // which is this process's mapped memory too. The call reads and writes no Rust
    // object, and a refusal (old kernel, huge pages off) changes nothing, so its
    // result is ignored, as NumPy ignores it.
    unsafe {
        libc::madvise(
            buffer.as_ptr().add(offset).cast_mut().cast(),
            buffer.len() - offset,
            libc::MADV_HUGEPAGE,
        );
    }
}

/// Elsewhere there is no such advice (NumPy gives none either).
#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_buffer: &[u8]) {}
