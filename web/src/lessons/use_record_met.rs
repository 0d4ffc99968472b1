//! Records in the learner's progress each exercise the run on show meets, whenever what is met changes; the progress hook then saves it.

use yew::prelude::*;

use crate::lessons::progress::ProgressAction;
use crate::lessons::ProgressHandle;

/// `met[i]` says whether exercise `i` of the lesson `slug` is met now.
#[hook]
pub fn use_record_met(progress: &ProgressHandle, slug: AttrValue, met: Vec<bool>) {
    let dispatcher = progress.dispatcher();
    use_effect_with((slug, met), move |(slug, met)| {
        for (index, _) in met.iter().enumerate().filter(|(_, met)| **met) {
            dispatcher.dispatch(ProgressAction::ExerciseMet {
                slug: slug.to_string(),
                index,
            });
        }
    });
}
