//! The learner's progress (questions answered, exercises met) and its saved form in localStorage: versioned JSON, read back defensively.
//!
//! Reading saved progress never fails. In steps:
//! 1. No saved value: start empty, say nothing.
//! 2. Not JSON, not an object, no version, or a version this page cannot
//!    read: start empty, and say what was wrong.
//! 3. Otherwise keep every lesson entry and every field that checks out
//!    against the lessons as they are now, and name each one dropped (a
//!    lesson that no longer exists, a choice that is not a number or not one
//!    of the question's choices, an exercise that is not there).
//!
//! The page then saves what it kept, so the notice shows once. Only the
//! progress key is touched: nothing else the browser saved for the page is
//! lost. Whether an answer is right is not saved but worked out from the
//! lesson, so it can never disagree with the question it answers.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::json::{self, Json};
use gobalance_lessons::Lesson;
use yew::Reducible;

/// The localStorage key.
pub const STORAGE_KEY: &str = "gobalance.progress";
/// The saved format this page writes, and the only one it reads.
pub const VERSION: u64 = 1;
/// A notice lists at most this many problems and counts the rest.
const PROBLEMS_SHOWN_MAX: usize = 4;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    lessons: BTreeMap<String, LessonProgress>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LessonProgress {
    /// The choice given to the question, an index into its choices.
    pub choice: Option<usize>,
    /// Indices of the exercises whose goal a run has met.
    pub exercises_met: BTreeSet<usize>,
}

/// What the index shows beside a lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    New,
    Answered {
        right: bool,
        met: usize,
        exercises: usize,
    },
}

impl Mark {
    /// The word tests and styles read from `data-state`.
    pub fn word(self) -> &'static str {
        match self {
            Mark::New => "new",
            Mark::Answered { met, exercises, .. } if met == exercises => "done",
            Mark::Answered { .. } => "answered",
        }
    }

    /// Short text for the index.
    pub fn text(self) -> String {
        match self {
            Mark::New => "not started".to_owned(),
            Mark::Answered {
                right,
                met,
                exercises,
            } => format!(
                "{} · {met} of {exercises} exercises",
                if right { "answered right" } else { "answered" }
            ),
        }
    }
}

impl Progress {
    pub fn lesson(&self, slug: &str) -> Option<&LessonProgress> {
        self.lessons.get(slug)
    }

    pub fn choice(&self, slug: &str) -> Option<usize> {
        self.lesson(slug).and_then(|p| p.choice)
    }

    pub fn exercise_met(&self, slug: &str, index: usize) -> bool {
        self.lesson(slug)
            .is_some_and(|p| p.exercises_met.contains(&index))
    }

    pub fn mark(&self, lesson: &Lesson) -> Mark {
        let met = self
            .lesson(lesson.slug)
            .map_or(0, |p| p.exercises_met.len());
        match self.choice(lesson.slug) {
            Some(choice) => Mark::Answered {
                right: lesson.question.is_right(choice),
                met,
                exercises: lesson.exercises.len(),
            },
            None => Mark::New,
        }
    }

    /// Records an answer; one for a lesson or choice that does not exist is ignored.
    pub fn answer(mut self, slug: &str, choice: usize) -> Progress {
        if let Some(lesson) = gobalance_lessons::by_slug(slug) {
            if choice < lesson.question.choices.len() {
                self.lessons.entry(slug.to_owned()).or_default().choice = Some(choice);
            }
        }
        self
    }

    /// Records a met exercise; one that does not exist is ignored.
    pub fn meet(mut self, slug: &str, index: usize) -> Progress {
        if let Some(lesson) = gobalance_lessons::by_slug(slug) {
            if index < lesson.exercises.len() {
                self.lessons
                    .entry(slug.to_owned())
                    .or_default()
                    .exercises_met
                    .insert(index);
            }
        }
        self
    }

    /// This progress over `saved` (another tab's, read just before saving):
    /// this one's answers win, exercises met in either count.
    pub fn over(mut self, saved: Progress) -> Progress {
        for (slug, theirs) in saved.lessons {
            let ours = self.lessons.entry(slug).or_default();
            ours.choice = ours.choice.or(theirs.choice);
            ours.exercises_met.extend(theirs.exercises_met);
        }
        self
    }

    /// The saved form: `{"version":1,"lessons":{"<slug>":{"choice":1,"exercises_met":[0]}}}`.
    ///
    /// Written out, whole numbers only.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\"version\":{VERSION},\"lessons\":{{");
        for (i, (slug, p)) in self.lessons.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Slugs are plain words, but quoted as any JSON string all the same.
            out.push_str(&json::quote(slug));
            out.push_str(":{");
            if let Some(choice) = p.choice {
                out.push_str(&format!("\"choice\":{choice},"));
            }
            let met: Vec<String> = p.exercises_met.iter().map(usize::to_string).collect();
            out.push_str(&format!("\"exercises_met\":[{}]}}", met.join(",")));
        }
        out.push_str("}}");
        out
    }
}

/// Saved progress as read: what was kept, and each thing that was not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub progress: Progress,
    pub problems: Vec<String>,
    /// Whether everything saved was dropped.
    pub reset: bool,
}

impl Loaded {
    fn reset(problem: String) -> Loaded {
        Loaded {
            progress: Progress::default(),
            problems: vec![problem],
            reset: true,
        }
    }

    /// One paragraph for the page, or `None` when all was well.
    pub fn notice(&self) -> Option<String> {
        if self.problems.is_empty() {
            return None;
        }
        let mut shown: Vec<&str> = self
            .problems
            .iter()
            .take(PROBLEMS_SHOWN_MAX)
            .map(String::as_str)
            .collect();
        let more = self.problems.len().saturating_sub(PROBLEMS_SHOWN_MAX);
        let more_text = format!("{more} more");
        if more > 0 {
            shown.push(&more_text);
        }
        let what = shown.join("; ");
        Some(if self.reset {
            format!("Your saved lesson progress could not be read ({what}), so it was reset.")
        } else {
            format!("Part of your saved lesson progress was dropped ({what}); the rest was kept.")
        })
    }
}

/// Reads saved progress; never fails (see the module's steps).
pub fn load(saved: Option<&str>) -> Loaded {
    let Some(text) = saved else {
        return Loaded::default();
    };
    let value = match json::parse(text) {
        Ok(value) => value,
        Err(error) => return Loaded::reset(format!("it is not JSON: {error}")),
    };
    if !matches!(value, Json::Object(_)) {
        return Loaded::reset(format!("it is {}, not an object", kind(&value)));
    }
    let lessons = match migrate(&value) {
        Ok(lessons) => lessons,
        Err(problem) => return Loaded::reset(problem),
    };
    let mut loaded = Loaded::default();
    for (slug, entry) in lessons {
        let Some(lesson) = gobalance_lessons::by_slug(slug) else {
            loaded
                .problems
                .push(format!("there is no lesson “{}” any more", clip(slug)));
            continue;
        };
        if !matches!(entry, Json::Object(_)) {
            loaded
                .problems
                .push(format!("lesson “{slug}” is {}, not an object", kind(entry)));
            continue;
        }
        let mut kept = LessonProgress::default();
        match entry.get("choice") {
            None | Some(Json::Null) => {}
            Some(value) => match value.as_u64().and_then(|n| usize::try_from(n).ok()) {
                Some(choice) if choice < lesson.question.choices.len() => {
                    kept.choice = Some(choice)
                }
                Some(choice) => loaded.problems.push(format!(
                    "lesson “{slug}”: choice {choice} is not one of its {} choices",
                    lesson.question.choices.len()
                )),
                None => loaded.problems.push(format!(
                    "lesson “{slug}”: the choice is {}, not a choice number",
                    kind(value)
                )),
            },
        }
        match entry.get("exercises_met") {
            None | Some(Json::Null) => {}
            Some(Json::Array(items)) => {
                for item in items {
                    match item.as_u64().and_then(|n| usize::try_from(n).ok()) {
                        Some(i) if i < lesson.exercises.len() => {
                            kept.exercises_met.insert(i);
                        }
                        _ => loaded.problems.push(format!(
                            "lesson “{slug}”: exercise {} does not exist",
                            shown(item)
                        )),
                    }
                }
            }
            Some(value) => loaded.problems.push(format!(
                "lesson “{slug}”: the exercises met are {}, not a list",
                kind(value)
            )),
        }
        if kept != LessonProgress::default() {
            loaded.progress.lessons.insert(slug.to_owned(), kept);
        }
    }
    loaded
}

/// The lessons of a saved object, in the current format. Version 1 is the
/// only format there has been; a newer or unknown one cannot be read.
fn migrate(top: &Json) -> Result<&[(String, Json)], String> {
    match top.get("version") {
        None => Err("it has no version".to_owned()),
        Some(version) if version.as_u64() == Some(VERSION) => match top.get("lessons") {
            Some(Json::Object(lessons)) => Ok(lessons),
            Some(other) => Err(format!("its lessons are {}, not an object", kind(other))),
            None => Err("it has no lessons".to_owned()),
        },
        Some(version) => Err(format!(
            "it is format version {}, and this page reads version {VERSION}",
            shown(version)
        )),
    }
}

/// "a string", "a number"...: what a JSON value is, for a notice.
fn kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "true or false",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

/// A saved value as a notice quotes it: a whole number as it is, anything else by its kind.
fn shown(value: &Json) -> String {
    match (value.as_u64(), value.as_i64()) {
        (Some(n), _) => n.to_string(),
        (None, Some(n)) => n.to_string(),
        _ => kind(value).to_owned(),
    }
}

/// Saved text quoted in a notice, cut short: a notice should stay readable.
fn clip(text: &str) -> String {
    const CHARS_MAX: usize = 40;
    match text.char_indices().nth(CHARS_MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// The progress the page holds, and the notice about what loading it dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProgressState {
    pub progress: Progress,
    pub notice: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgressAction {
    Answered {
        slug: String,
        choice: usize,
    },
    ExerciseMet {
        slug: String,
        index: usize,
    },
    /// Saving failed (storage full or turned off); the learner should know.
    SaveFailed {
        message: String,
    },
    DismissNotice,
}

impl ProgressState {
    pub fn from_loaded(loaded: &Loaded) -> ProgressState {
        ProgressState {
            progress: loaded.progress.clone(),
            notice: loaded.notice(),
        }
    }

    pub fn apply(mut self, action: ProgressAction) -> ProgressState {
        match action {
            ProgressAction::Answered { slug, choice } => {
                self.progress = self.progress.answer(&slug, choice)
            }
            ProgressAction::ExerciseMet { slug, index } => {
                self.progress = self.progress.meet(&slug, index)
            }
            ProgressAction::SaveFailed { message } => {
                self.notice = Some(format!(
                    "Your lesson progress cannot be saved in this browser ({message}); it lasts until you leave the page."
                ));
            }
            ProgressAction::DismissNotice => self.notice = None,
        }
        self
    }
}

impl Reducible for ProgressState {
    type Action = ProgressAction;

    fn reduce(self: Rc<Self>, action: ProgressAction) -> Rc<Self> {
        let next = (*self).clone().apply(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first() -> &'static Lesson {
        &gobalance_lessons::all()[0]
    }

    #[test]
    fn nothing_saved_is_an_empty_start_without_a_notice() {
        let loaded = load(None);
        assert_eq!(loaded, Loaded::default());
        assert_eq!(loaded.notice(), None);
    }

    #[test]
    fn saved_progress_round_trips() {
        let lesson = first();
        let progress = Progress::default()
            .answer(lesson.slug, 1)
            .meet(lesson.slug, 0);
        let loaded = load(Some(&progress.to_json()));
        assert_eq!(loaded.problems, Vec::<String>::new());
        assert_eq!(loaded.progress, progress);
        assert_eq!(loaded.progress.choice(lesson.slug), Some(1));
        assert!(loaded.progress.exercise_met(lesson.slug, 0));
        assert!(!loaded.progress.exercise_met(lesson.slug, 1));
    }

    #[test]
    fn good_json_written_by_hand_is_read() {
        let text =
            r#"{"version":1,"lessons":{"what-is-a-goroutine":{"choice":1,"exercises_met":[1]}}}"#;
        let loaded = load(Some(text));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.progress.choice("what-is-a-goroutine"), Some(1));
        assert!(loaded.progress.exercise_met("what-is-a-goroutine", 1));
    }

    #[test]
    fn garbage_resets_and_says_it_is_not_json() {
        let loaded = load(Some("{not json"));
        assert!(loaded.reset);
        assert_eq!(loaded.progress, Progress::default());
        let notice = loaded.notice().unwrap();
        assert!(notice.contains("not JSON"), "{notice}");
        assert!(notice.contains("reset"), "{notice}");
    }

    #[test]
    fn a_wrong_version_resets_and_names_both_versions() {
        let loaded = load(Some(
            r#"{"version":7,"lessons":{"what-is-a-goroutine":{"choice":1}}}"#,
        ));
        assert!(loaded.reset);
        assert_eq!(loaded.progress, Progress::default());
        let notice = loaded.notice().unwrap();
        assert!(
            notice.contains("version 7") && notice.contains("version 1"),
            "{notice}"
        );
        assert!(load(Some(r#"{"lessons":{}}"#))
            .notice()
            .unwrap()
            .contains("no version"));
        assert!(load(Some(r#"{"version":"1","lessons":{}}"#)).reset);
    }

    #[test]
    fn wrong_types_at_the_top_reset() {
        assert!(load(Some("[1,2]"))
            .notice()
            .unwrap()
            .contains("a list, not an object"));
        assert!(load(Some("42")).reset);
        assert!(load(Some("null")).reset);
        let notice = load(Some(r#"{"version":1,"lessons":"all of them"}"#))
            .notice()
            .unwrap();
        assert!(notice.contains("lessons are a string"), "{notice}");
    }

    #[test]
    fn a_wrong_field_is_dropped_and_the_rest_kept() {
        let text = r#"{"version":1,"lessons":{
            "what-is-a-goroutine":{"choice":"two","exercises_met":[0]},
            "the-go-scheduler":{"choice":1},
            "worker-pool":{"choice":99,"exercises_met":"yes"},
            "work-stealing":[1]
        }}"#;
        let loaded = load(Some(text));
        assert!(!loaded.reset);
        let p = &loaded.progress;
        assert_eq!(p.choice("what-is-a-goroutine"), None);
        assert!(
            p.exercise_met("what-is-a-goroutine", 0),
            "the valid field of an entry is kept"
        );
        assert_eq!(p.choice("the-go-scheduler"), Some(1));
        assert_eq!(p.lesson("worker-pool"), None);
        assert_eq!(p.lesson("work-stealing"), None);
        assert_eq!(loaded.problems.len(), 4, "{:?}", loaded.problems);
        let notice = loaded.notice().unwrap();
        assert!(notice.contains("not a choice number"), "{notice}");
        assert!(notice.contains("the rest was kept"), "{notice}");
    }

    #[test]
    fn unknown_lessons_and_exercises_are_dropped_by_name() {
        let text = r#"{"version":1,"lessons":{
            "no-such-lesson":{"choice":0},
            "the-go-scheduler":{"choice":0,"exercises_met":[0,5,-1]}
        }}"#;
        let loaded = load(Some(text));
        assert_eq!(loaded.progress.lesson("no-such-lesson"), None);
        assert_eq!(loaded.progress.choice("the-go-scheduler"), Some(0));
        assert!(loaded.progress.exercise_met("the-go-scheduler", 0));
        assert_eq!(loaded.problems.len(), 3, "{:?}", loaded.problems);
        assert!(loaded.problems[0].contains("no-such-lesson"));
        // Saving what was kept makes the next load clean.
        assert!(load(Some(&loaded.progress.to_json())).problems.is_empty());
    }

    #[test]
    fn a_long_list_of_problems_is_counted_not_listed() {
        let lessons: Vec<String> = (0..10).map(|i| format!(r#""gone-{i}":{{}}"#)).collect();
        let text = format!(r#"{{"version":1,"lessons":{{{}}}}}"#, lessons.join(","));
        let notice = load(Some(&text)).notice().unwrap();
        assert!(notice.contains("6 more"), "{notice}");
    }

    #[test]
    fn answers_for_nothing_are_ignored() {
        let progress = Progress::default()
            .answer("no-such-lesson", 0)
            .answer(first().slug, 99)
            .meet(first().slug, 9);
        assert_eq!(progress, Progress::default());
    }

    #[test]
    fn marks_say_answered_right_and_done() {
        let lesson = first();
        let answer = lesson.question.answer;
        let wrong = (answer + 1) % lesson.question.choices.len();
        assert_eq!(Progress::default().mark(lesson), Mark::New);
        let answered = Progress::default().answer(lesson.slug, wrong);
        assert_eq!(answered.mark(lesson).word(), "answered");
        assert!(!answered.mark(lesson).text().contains("right"));
        let done = (0..lesson.exercises.len())
            .fold(Progress::default().answer(lesson.slug, answer), |p, i| {
                p.meet(lesson.slug, i)
            });
        assert_eq!(done.mark(lesson).word(), "done");
        assert!(done.mark(lesson).text().starts_with("answered right"));
    }

    #[test]
    fn saving_keeps_another_tabs_progress() {
        let ours = Progress::default()
            .answer("the-go-scheduler", 1)
            .meet("what-is-a-goroutine", 0);
        let theirs = Progress::default()
            .answer("the-go-scheduler", 0)
            .answer("worker-pool", 0)
            .meet("what-is-a-goroutine", 1);
        let merged = ours.over(theirs);
        assert_eq!(merged.choice("the-go-scheduler"), Some(1), "ours wins");
        assert_eq!(merged.choice("worker-pool"), Some(0));
        assert!(
            merged.exercise_met("what-is-a-goroutine", 0)
                && merged.exercise_met("what-is-a-goroutine", 1)
        );
    }

    #[test]
    fn the_reducer_records_and_dismisses() {
        let state = ProgressState::from_loaded(&load(Some("garbage")));
        assert!(state.notice.is_some());
        let state = state
            .apply(ProgressAction::DismissNotice)
            .apply(ProgressAction::Answered {
                slug: first().slug.to_owned(),
                choice: 0,
            })
            .apply(ProgressAction::ExerciseMet {
                slug: first().slug.to_owned(),
                index: 0,
            });
        assert_eq!(state.notice, None);
        assert_eq!(state.progress.choice(first().slug), Some(0));
        assert!(state.progress.exercise_met(first().slug, 0));
        let failed = state.apply(ProgressAction::SaveFailed {
            message: "QuotaExceededError".to_owned(),
        });
        assert!(failed.notice.unwrap().contains("QuotaExceededError"));
    }
}
