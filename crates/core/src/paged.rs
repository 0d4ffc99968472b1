//! A vector in pages that its copies share: a copy costs a pointer a page, and a write copies only the page it lands in.
//!
//! A view state of a million goroutines is tens of megabytes; a timeline
//! keeps hundreds of them as snapshots. Between two snapshots only the pages
//! the events touched differ, so with the pages shared the snapshots cost
//! what changed, not what exists (persistent vectors do the same with a
//! tree; one level of pages is enough here, and a write is a reference-count
//! check plus, once a snapshot, one page copy).

use serde::Serialize;
use std::sync::Arc;

/// Entries a page.
const PAGE: usize = 1024;

#[derive(Clone)]
pub struct Paged<T> {
    pages: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for Paged<T> {
    fn default() -> Paged<T> {
        Paged {
            pages: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Clone> Paged<T> {
    pub fn new() -> Paged<T> {
        Paged::default()
    }

    /// `len` copies of `value`.
    pub fn filled(len: usize, value: T) -> Paged<T> {
        let pages = (0..len.div_ceil(PAGE))
            .map(|p| Arc::new(vec![value.clone(); (len - p * PAGE).min(PAGE)]))
            .collect();
        Paged { pages, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.pages.get(i / PAGE)?.get(i % PAGE)
    }

    /// The entry to change; its page is copied first if a snapshot shares it.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i >= self.len {
            return None;
        }
        Arc::make_mut(&mut self.pages[i / PAGE]).get_mut(i % PAGE)
    }

    pub fn push(&mut self, value: T) {
        if self.len.is_multiple_of(PAGE) {
            self.pages.push(Arc::new(Vec::with_capacity(PAGE)));
        }
        let last = self.pages.len() - 1;
        Arc::make_mut(&mut self.pages[last]).push(value);
        self.len += 1;
    }

    pub fn iter(&self) -> Iter<'_, T> {
        fn entries<T>(page: &Arc<Vec<T>>) -> std::slice::Iter<'_, T> {
            page.iter()
        }
        self.pages.iter().flat_map(entries)
    }

    /// The entries `range` of the vector, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &T> + '_ {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        (start..end).filter_map(move |i| self.get(i))
    }

    /// Bytes of the pages `self` holds that `older` does not share: what
    /// keeping `self` beside `older` costs.
    pub fn bytes_beyond(&self, older: &Paged<T>) -> usize {
        let page_bytes = PAGE * std::mem::size_of::<T>();
        let own = self
            .pages
            .iter()
            .enumerate()
            .filter(|(p, page)| older.pages.get(*p).is_none_or(|o| !Arc::ptr_eq(o, page)))
            .count();
        own * page_bytes + self.pages.len() * std::mem::size_of::<Arc<Vec<T>>>()
    }
}

/// The entries of a [`Paged`] in order.
pub type Iter<'a, T> = std::iter::FlatMap<
    std::slice::Iter<'a, Arc<Vec<T>>>,
    std::slice::Iter<'a, T>,
    fn(&'a Arc<Vec<T>>) -> std::slice::Iter<'a, T>,
>;

impl<'a, T: Clone> IntoIterator for &'a Paged<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T: Clone> std::ops::Index<usize> for Paged<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(value) => value,
            None => panic!("index {i} out of a paged vector of {}", self.len),
        }
    }
}

impl<T: Clone + PartialEq> PartialEq for Paged<T> {
    fn eq(&self, other: &Paged<T>) -> bool {
        self.len == other.len
            && self
                .pages
                .iter()
                .zip(&other.pages)
                .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
    }
}

impl<T: Clone + Eq> Eq for Paged<T> {}

impl<T: Clone + std::fmt::Debug> std::fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Clone + Serialize> Serialize for Paged<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<T: Clone> FromIterator<T> for Paged<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Paged<T> {
        let mut paged = Paged::new();
        for value in values {
            paged.push(value);
        }
        paged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_every_page_until_one_is_written() {
        let mut now: Paged<u32> = (0..5000).collect();
        let before = now.clone();
        assert_eq!(
            now.bytes_beyond(&before),
            5 * std::mem::size_of::<Arc<Vec<u32>>>()
        );
        *now.get_mut(3000).unwrap() = 7;
        now.push(5000);
        assert_eq!(before[3000], 3000, "the copy is untouched");
        assert_eq!(now[3000], 7);
        assert_eq!(now.len(), 5001);
        assert_eq!(now.iter().copied().last(), Some(5000));
        // Page 2 (written) and page 4 (pushed into) are its own.
        assert_eq!(
            now.bytes_beyond(&before),
            2 * PAGE * 4 + 5 * std::mem::size_of::<Arc<Vec<u32>>>()
        );
        assert_ne!(now, before);
        assert_eq!(
            now.range(2999..3002).copied().collect::<Vec<_>>(),
            [2999, 7, 3001]
        );
        assert_eq!(
            Paged::filled(2050, 1u8).iter().filter(|&&v| v == 1).count(),
            2050
        );
        assert!(now.get(5001).is_none() && now.clone().get_mut(5001).is_none());
    }
}
