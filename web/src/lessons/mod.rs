//! The lesson pages' logic: routes, saved progress and Markdown, pure and tested natively, plus the hooks that talk to the browser for them.
//!
//! The lessons themselves are data in `gobalance-lessons`. This module
//! decides what a page address means (`route`), what the learner has done
//! and how it is saved (`progress`), and how a lesson's text becomes HTML
//! (`markdown`, run at build time by `build.rs`; the page reads `rendered`). The DOM is in `components/lesson_*.rs`; the effects
//! (the address, localStorage) are in `use_route`, `use_progress` and
//! `use_record_met` (exercises met by the run, into the progress).

mod json;
#[cfg(test)]
mod markdown;
pub mod progress;
pub mod rendered;
pub mod route;
mod use_progress;
mod use_record_met;
mod use_route;

use std::ops::Deref;

use gobalance_lessons::Lesson;

pub use route::{open, Route};
pub use use_progress::{use_progress, ProgressHandle};
pub use use_record_met::use_record_met;
pub use use_route::{navigate, use_route};

/// A lesson as a component property: the lessons are static, so two are the
/// same lesson exactly when they are the same item of the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct LessonRef(pub &'static Lesson);

impl PartialEq for LessonRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Deref for LessonRef {
    type Target = Lesson;
    fn deref(&self) -> &Lesson {
        self.0
    }
}
