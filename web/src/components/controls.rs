//! The playback controls: play, step, jump, scrub, speed, and the virtual clock.

use gobalance_core::Nanos;
use yew::prelude::*;

use crate::fmt;
use crate::state::{Action, JumpTo, Speed};

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub playing: bool,
    pub playhead: u64,
    pub len: u64,
    pub clock: Nanos,
    pub end: Nanos,
    pub speed: Speed,
    pub notice: Option<AttrValue>,
    /// Off until a recorded session has loaded.
    pub enabled: bool,
    pub on_action: Callback<Action>,
}

#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let act = |action: Action| props.on_action.reform(move |_: MouseEvent| action.clone());
    let disabled = !props.enabled;
    let on_scrub = props.on_action.reform(|event: InputEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        Action::Seek(input.value().parse().unwrap_or(0))
    });
    let on_speed = props.on_action.reform(|event: Event| {
        let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
        Action::SetSpeed(select.value().parse().unwrap_or(2))
    });
    let clock = fmt::duration(props.clock);
    html! {
        <div class="controls" role="toolbar" aria-label="playback" data-testid="controls">
            <div class="buttons">
                <button data-testid="step-back" onclick={act(Action::StepBack)} {disabled}
                    aria-label="step back one event" title="step back one event (←)">{ icon(Icon::Back) }</button>
                <button class="play" data-testid="play" onclick={act(Action::TogglePlay)} {disabled}
                    aria-label={if props.playing { "pause" } else { "play" }}
                    aria-pressed={props.playing.to_string()}
                    data-state={if props.playing { "playing" } else { "paused" }}
                    title="play or pause (space)">
                    { icon(if props.playing { Icon::Pause } else { Icon::Play }) }
                </button>
                <button data-testid="step-forward" onclick={act(Action::StepForward)} {disabled}
                    aria-label="step forward one event" title="step forward one event (→)">{ icon(Icon::Forward) }</button>
                <span class="jumps" role="group" aria-label="jump to the next">
                    <button data-testid="jump-steal" onclick={act(Action::Jump(JumpTo::Steal))} {disabled}
                        title="jump to the next steal (s)">{ "next steal" }</button>
                    <button data-testid="jump-block" onclick={act(Action::Jump(JumpTo::Block))} {disabled}
                        title="jump to the next block (b)">{ "next block" }</button>
                    <button data-testid="jump-leak" onclick={act(Action::Jump(JumpTo::Leak))} {disabled}
                        title="jump to the next leak (l)">{ "next leak" }</button>
                </span>
                <label class="speed">
                    <span>{ "speed" }</span>
                    <select data-testid="speed" onchange={on_speed} {disabled}>
                        { for (1..=4).map(|level| {
                            let speed = Speed::new(level);
                            html! {
                                <option value={level.to_string()} selected={speed == props.speed}>{ speed.label() }</option>
                            }
                        }) }
                    </select>
                </label>
            </div>
            <div class="scrubber">
                <output class="clock" data-testid="clock" aria-label="virtual time">{ clock.clone() }</output>
                <input
                    type="range"
                    data-testid="scrub"
                    aria-label="playhead: event number"
                    aria-valuetext={format!("event {} of {}, at {clock}", props.playhead, props.len)}
                    min="0"
                    max={props.len.to_string()}
                    value={props.playhead.to_string()}
                    oninput={on_scrub}
                    {disabled}
                />
                <span class="step-count" data-testid="step-count">
                    { format!("event {} / {}", fmt::count(props.playhead), fmt::count(props.len)) }
                </span>
            </div>
            if let Some(notice) = &props.notice {
                <p class="notice" data-testid="notice" role="status">{ notice.clone() }</p>
            }
        </div>
    }
}

#[derive(Clone, Copy)]
enum Icon {
    Back,
    Play,
    Pause,
    Forward,
}

/// Drawn, not typed: media-control characters are missing from many fonts.
fn icon(which: Icon) -> Html {
    let path = match which {
        Icon::Back => "M3 2h2v12H3zM14 2v12L6 8z",
        Icon::Play => "M4 2v12l10-6z",
        Icon::Pause => "M3 2h4v12H3zM9 2h4v12H9z",
        Icon::Forward => "M11 2h2v12h-2zM2 2v12l8-6z",
    };
    html! {
        <svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}
