//! The learner's Go program in its own Web Worker: unpacks, checks, compiles and runs it on the simulated runtime, and posts back what it printed and every event.
//!
//! A second wasm module, so the parser, checker and interpreter cost a
//! first visit nothing: the page starts this worker when its editor first
//! opens. One message in, one out:
//!
//! - in: `{id, link, source}` or `{id, link, packed}`: the scenario as a
//!   link's query, and the program as text or as a link's `prog`.
//! - out: `{id, source, packed, compiled, stdout, stderr, status, lines,
//!   lineMeta, events, outcome, failed, refusal}`: the program run and its
//!   `prog`, whether it compiled, what `go run` would print and its exit
//!   status, the printed lines
//!   (texts, then `[event, goroutine, at]` each in a `Float64Array`), the
//!   events (24 bytes each, `Event::to_bytes`), the outcome `[end, events,
//!   alive]`, where it failed `[goroutine, line]` (or null), and
//!   `refusal`, set when nothing could run (a broken `prog`, a bad link).
//!
//! The page's own module replays the events into its timeline, so the run
//! steps exactly as a built-in strategy's does.

use std::rc::Rc;

use gobalance_core::Event;
use gobalance_lang::run::{compile_source, record_program, Recording, RunConfig};
use js_sys::{Array, Float64Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// The most events a program's run keeps for the page to step: 24 bytes
/// each, posted to the page and replayed there. A longer run is stopped and
/// says so; the command line runs it whole.
const EVENTS_MAX: u64 = 4_000_000;

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|message: MessageEvent| {
        let (answer, events) = answer(&message.data());
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        // The events' buffer moves to the page instead of being copied.
        let transfer = Array::of1(&events.buffer());
        if scope
            .post_message_with_transfer(&answer, &transfer)
            .is_err()
        {
            let _ = scope.post_message(&answer);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the handler was set are lost: the page waits for this.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

/// The answer to one request, and its events' bytes (also in the answer).
fn answer(request: &JsValue) -> (Object, Uint8Array) {
    let text = |key: &str| {
        Reflect::get(request, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    let out = Object::new();
    set(
        &out,
        "id",
        Reflect::get(request, &"id".into()).unwrap_or(JsValue::NULL),
    );
    let empty = Uint8Array::new_with_length(0);
    let source = match (text("source"), text("packed")) {
        (Some(source), _) => Ok(source),
        (None, Some(packed)) => gobalance_lang::share::unpack(&packed),
        (None, None) => Err("the page sent no program".to_string()),
    };
    let link = gobalance_core::link::parse(&text("link").unwrap_or_default());
    let (source, scenario) = match (source, link) {
        (Ok(source), Ok(link)) => (source, link.scenario),
        (Err(refusal), _) => return (refused(out, &refusal), empty),
        (_, Err(errors)) => return (refused(out, &errors.to_string()), empty),
    };
    set(&out, "packed", gobalance_lang::share::pack(&source).into());
    set(&out, "source", source.as_str().into());
    let recording = match compile_source(&source, RunConfig::default(), "main.go") {
        Ok(program) => record_program(Rc::new(program), &scenario, Some(EVENTS_MAX)),
        Err(refused) => Recording::refused(refused),
    };
    let events = event_bytes(&recording.events);
    describe(&out, &recording, &events);
    (out, events)
}

fn refused(out: Object, refusal: &str) -> Object {
    set(&out, "refusal", refusal.into());
    out
}

/// Every event, 24 bytes each, in one buffer.
fn event_bytes(events: &[Event]) -> Uint8Array {
    let mut bytes = Vec::with_capacity(events.len() * Event::BYTES);
    events
        .iter()
        .for_each(|e| bytes.extend_from_slice(&e.to_bytes()));
    Uint8Array::from(bytes.as_slice())
}

fn describe(out: &Object, recording: &Recording, events: &Uint8Array) {
    let result = &recording.result;
    set(out, "compiled", recording.compiled.into());
    set(out, "stdout", result.stdout.as_str().into());
    set(out, "stderr", result.stderr.as_str().into());
    set(out, "status", result.exit_status.into());
    let texts: Array = result
        .lines
        .iter()
        .map(|l| JsValue::from_str(&l.text))
        .collect();
    set(out, "lines", texts.into());
    let meta: Vec<f64> = result
        .lines
        .iter()
        .flat_map(|l| [l.event as f64, f64::from(l.goroutine), l.at.0 as f64])
        .collect();
    set(out, "lineMeta", Float64Array::from(meta.as_slice()).into());
    set(out, "events", events.into());
    let outcome = &recording.outcome;
    let outcome = [
        outcome.end.0 as f64,
        outcome.events as f64,
        f64::from(outcome.alive_at_exit),
    ];
    set(out, "outcome", Float64Array::from(&outcome[..]).into());
    let failed = recording.failed_at.map_or(JsValue::NULL, |(g, line)| {
        Float64Array::from(&[f64::from(g), f64::from(line)][..]).into()
    });
    set(out, "failed", failed);
}

fn set(object: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &key.into(), &value);
}
