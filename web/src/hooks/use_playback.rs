//! Playback: while playing, one `Tick` per animation frame with the real time since the last one.
//!
//! One closure re-requests itself each frame (rather than a new closure per
//! frame), so nothing is freed while it runs; stopping cancels the pending
//! frame and drops the closure.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{Action, State};

type FrameClosure = Closure<dyn FnMut(f64)>;

#[hook]
pub fn use_playback(playing: bool, dispatcher: UseReducerDispatcher<State>) {
    use_effect_with(playing, move |&playing| {
        let closure: Rc<RefCell<Option<FrameClosure>>> = Rc::new(RefCell::new(None));
        let pending = Rc::new(Cell::new(None::<i32>));
        if playing {
            let window = web_sys::window().expect("the app runs in a browser window");
            let last = Cell::new(None::<f64>);
            let again = closure.clone();
            let pending_in = pending.clone();
            let frame_window = window.clone();
            *closure.borrow_mut() = Some(Closure::new(move |now: f64| {
                if let Some(previous) = last.replace(Some(now)) {
                    dispatcher.dispatch(Action::Tick {
                        dt_ms: now - previous,
                    });
                }
                if let Some(f) = again.borrow().as_ref() {
                    pending_in.set(
                        frame_window
                            .request_animation_frame(f.as_ref().unchecked_ref())
                            .ok(),
                    );
                }
            }));
            if let Some(f) = closure.borrow().as_ref() {
                pending.set(
                    window
                        .request_animation_frame(f.as_ref().unchecked_ref())
                        .ok(),
                );
            }
        }
        move || {
            if let (Some(id), Some(window)) = (pending.get(), web_sys::window()) {
                let _ = window.cancel_animation_frame(id);
            }
            // Breaks the closure's reference to itself, freeing it.
            closure.borrow_mut().take();
        }
    });
}
