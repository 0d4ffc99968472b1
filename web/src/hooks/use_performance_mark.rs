//! A performance mark set once, the first time a moment is reached: the speed scripts read it (tests/perf/first-render.mjs reads "stage-painted").

use yew::prelude::*;

#[hook]
pub fn use_performance_mark(name: &'static str, reached: bool) {
    use_effect_with(reached, move |&reached| {
        if !reached {
            return;
        }
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            if performance.get_entries_by_name(name).length() == 0 {
                let _ = performance.mark(name);
            }
        }
    });
}
