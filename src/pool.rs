//! The wasm build's allocator: free lists of small blocks in front of the standard one (dlmalloc).
//!
//! An edit allocates and frees dozens of small blocks (ids, messages, lists of a few items); dlmalloc's bookkeeping
//! for each was about a fifth of an edit's time in wasm. Here a freed block of up to [`LARGEST`] bytes goes onto a
//! list for its size class (8-byte steps) and the next request of that class takes it back: a few instructions
//! each way. Larger blocks, and the first block of each class, come from dlmalloc. Small blocks are never handed
//! back to dlmalloc until a class's list holds [`KEEP`] of them; beyond that a freed block goes back, so what the
//! lists hold stays under about a megabyte even after a 100,000-project list was read and dropped.
//!
//! Installed only for wasm32 without threads (one thread: the lists need no lock); native code keeps the system
//! allocator. The pool itself is plain code, tested natively.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::ptr;

/// Size classes step by this many bytes, which is also the alignment every small block has: dlmalloc's own
/// (a larger one sends dlmalloc down its slower, more wasteful aligned path), and as fine as its own rounding, so
/// that a hundred thousand small strings take no more room than without the pool.
const GRAIN: usize = 8;
const CLASSES: usize = 32;
/// The largest block kept on a list.
pub const LARGEST: usize = GRAIN * CLASSES;
/// The most blocks a list keeps.
pub const KEEP: u32 = 256;

/// Free lists by size class: each free block holds the address of the next one in its first bytes.
pub struct Pool {
    free: UnsafeCell<[*mut u8; CLASSES]>,
    /// How many blocks each list holds.
    kept: UnsafeCell<[u32; CLASSES]>,
}

// SAFETY: the pool is installed only where there is one thread (wasm32 without the atomics feature); tests use
// their own pool from one thread.
unsafe impl Sync for Pool {}

impl Pool {
    pub const fn new() -> Pool {
        Pool { free: UnsafeCell::new([ptr::null_mut(); CLASSES]), kept: UnsafeCell::new([0; CLASSES]) }
    }
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new()
    }
}

/// The size class of a request, or `None` for what goes straight to the system allocator.
fn class(layout: &Layout) -> Option<usize> {
    let size = layout.size();
    (size > 0 && size <= LARGEST && layout.align() <= GRAIN).then(|| (size - 1) / GRAIN)
}

/// The layout every block of class `c` is allocated with.
fn class_layout(c: usize) -> Option<Layout> {
    Layout::from_size_align((c + 1) * GRAIN, GRAIN).ok()
}

unsafe impl GlobalAlloc for Pool {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(c) = class(&layout) else {
            // SAFETY: the caller's layout, passed on.
            return unsafe { System.alloc(layout) };
        };
        // SAFETY: one thread, and no reference to the lists outlives this call.
        let (lists, kept) = unsafe { (&mut *self.free.get(), &mut *self.kept.get()) };
        if let (Some(head), Some(count)) = (lists.get_mut(c), kept.get_mut(c)) {
            if !head.is_null() {
                let block = *head;
                // SAFETY: a block on a list is free, at least GRAIN bytes, aligned to GRAIN, and holds the next.
                *head = unsafe { block.cast::<*mut u8>().read() };
                *count = count.saturating_sub(1);
                return block;
            }
        }
        // Every block of a class has the class's full size, so any request of the class fits any of them.
        match class_layout(c) {
            // SAFETY: a non-zero size.
            Some(full) => unsafe { System.alloc(full) },
            None => ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(c) = class(&layout) else {
            // SAFETY: allocated by `System` with this layout (see `alloc`).
            return unsafe { System.dealloc(block, layout) };
        };
        // SAFETY: one thread, and no reference to the lists outlives this call.
        let (lists, kept) = unsafe { (&mut *self.free.get(), &mut *self.kept.get()) };
        match (lists.get_mut(c), kept.get_mut(c), class_layout(c)) {
            (Some(head), Some(count), _) if *count < KEEP => {
                // SAFETY: the block is ours again, at least GRAIN bytes and aligned to GRAIN.
                unsafe { block.cast::<*mut u8>().write(*head) };
                *head = block;
                *count += 1;
            }
            // SAFETY: allocated by `System` with the class's layout (see `alloc`).
            (_, _, Some(full)) => unsafe { System.dealloc(block, full) },
            _ => {}
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return ptr::null_mut() };
        match (class(&layout), class(&new_layout)) {
            // Both large: the system allocator may grow in place.
            // SAFETY: allocated by `System` with `layout`.
            (None, None) => unsafe { System.realloc(block, layout, new_size) },
            // Same class: the block already has room.
            (Some(a), Some(b)) if a == b => block,
            _ => {
                // SAFETY: a fresh block for the new layout; the old one holds `layout.size()` readable bytes.
                let fresh = unsafe { self.alloc(new_layout) };
                if !fresh.is_null() {
                    unsafe {
                        ptr::copy_nonoverlapping(block, fresh, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                }
                fresh
            }
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static POOL: Pool = Pool::new();

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap_or(Layout::new::<u8>())
    }

    #[test]
    fn a_freed_small_block_is_reused_by_its_class_only() {
        let pool = Pool::new();
        unsafe {
            let a = pool.alloc(layout(20, 8));
            assert!(!a.is_null() && a as usize % GRAIN == 0);
            pool.dealloc(a, layout(20, 8));
            // 17..=24 bytes is one class: the same block comes back; another class gets another block.
            let b = pool.alloc(layout(24, 1));
            assert_eq!(a, b);
            let c = pool.alloc(layout(40, 8));
            assert_ne!(c, b);
            pool.dealloc(b, layout(24, 1));
            pool.dealloc(c, layout(40, 8));
        }
    }

    #[test]
    fn a_list_keeps_at_most_its_share_and_hands_the_rest_back() {
        let pool = Pool::new();
        let l = layout(16, 8);
        unsafe {
            let blocks: Vec<*mut u8> = (0..KEEP + 100).map(|_| pool.alloc(l)).collect();
            assert!(blocks.iter().all(|b| !b.is_null()));
            for &b in &blocks {
                pool.dealloc(b, l);
            }
            assert_eq!((*pool.kept.get())[1], KEEP);
            // What was kept comes back first; then the system allocator again.
            let again: Vec<*mut u8> = (0..KEEP + 1).map(|_| pool.alloc(l)).collect();
            assert_eq!((*pool.kept.get())[1], 0);
            assert!(again.iter().take(KEEP as usize).all(|b| blocks.contains(b)));
            for b in again {
                pool.dealloc(b, l);
            }
        }
    }

    #[test]
    fn blocks_hold_what_is_written_and_survive_growth() {
        let pool = Pool::new();
        unsafe {
            // Many live blocks of every class, each filled with its own byte; all must read back intact.
            let mut live = Vec::new();
            for round in 0..3u8 {
                for size in (1..=LARGEST + 64).step_by(7) {
                    let l = layout(size, if size % 3 == 0 { 16 } else { 1 });
                    let p = pool.alloc(l);
                    assert!(!p.is_null());
                    ptr::write_bytes(p, round.wrapping_add(size as u8), size);
                    live.push((p, l, round.wrapping_add(size as u8)));
                }
                // Free every other one, so later rounds reuse them.
                let mut keep = Vec::new();
                for (i, (p, l, v)) in live.drain(..).enumerate() {
                    if i % 2 == 0 {
                        pool.dealloc(p, l);
                    } else {
                        keep.push((p, l, v));
                    }
                }
                live = keep;
            }
            for (p, l, v) in &live {
                assert!(std::slice::from_raw_parts(*p, l.size()).iter().all(|b| b == v));
            }
            // Growing across classes and into the large range keeps the contents.
            let mut p = pool.alloc(layout(10, 1));
            ptr::write_bytes(p, 7, 10);
            let mut size = 10;
            for next in [16, 17, 100, LARGEST, LARGEST + 1, 4096, 40] {
                p = pool.realloc(p, layout(size, 1), next);
                assert!(!p.is_null());
                assert!(std::slice::from_raw_parts(p, size.min(next)).iter().all(|b| *b == 7));
                ptr::write_bytes(p, 7, next);
                size = next;
            }
            pool.dealloc(p, layout(size, 1));
            for (p, l, _) in live {
                pool.dealloc(p, l);
            }
        }
    }
}
