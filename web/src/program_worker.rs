//! The page's side of the program worker (`web/lang-worker`): started when a program first needs running, one run at a time, the newest request replacing any still waiting, a long run given up for a newer one.
//!
//! The worker is a second wasm module (the parser, checker and interpreter),
//! so a first visit never downloads it. While one run is under way a newer
//! request waits, and a newer one still replaces it: typing fast runs the
//! program as it is now, not once per keystroke. If the worker fails (it
//! cannot load offline before it was ever fetched, or it stops), every
//! waiting request is answered with why and the next one starts a new worker.

use std::cell::RefCell;
use std::collections::HashMap;

use futures_channel::oneshot;
use gobalance_core::{Nanos, Outcome};
use js_sys::{Float64Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use crate::program::{Printed, Report};

/// The worker's script: trunk's loader for the `gobalance-lang-worker` binary.
const WORKER_URL: &str = "./gobalance-lang-worker_loader.js";

/// A program to run: as typed, or as a link's `prog` for the worker to unpack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProgramText {
    Source(String),
    Packed(String),
}

/// What the worker answered.
pub struct Answer {
    pub report: Report,
    /// Every event, as `Event::to_bytes` wrote them.
    pub events: Vec<u8>,
    pub outcome: Outcome,
}

/// Why a request got no answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotRun {
    /// A newer request replaced it before it was sent.
    Replaced,
    /// The worker could not run anything (it did not load or stopped), and why.
    Failed(String),
    /// The worker refused the request (a broken `prog`, a bad link), and why.
    Refused(String),
}

type Reply = Result<JsValue, String>;

/// A run still going after this long when a newer edit comes is given up:
/// the worker is stopped and a new one started (the module is cached), so an
/// endless loop is never waited for.
const STALE_AFTER_MS: f64 = 300.0;

struct Client {
    worker: Worker,
    ready: bool,
    /// The request being run, and when it was sent.
    in_flight: Option<(u32, f64)>,
    /// The newest request not sent yet.
    next: Option<(u32, JsValue)>,
    replies: HashMap<u32, oneshot::Sender<Reply>>,
    next_id: u32,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
    /// Gives the worker up if it is not ready in time (dropped with the client).
    _load_deadline: gloo_timers::callback::Timeout,
}

/// A worker not ready after this long is given up: its script loaded, but
/// the module did not (a failed fetch is no `error` event of the worker).
const LOAD_MS_MAX: u32 = 30_000;

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Runs `program` on the scenario of `link` (a link's query) in the worker.
/// `Err` says why it could not run at all; a program that does not compile
/// or fails is an `Ok` answer that says so.
pub async fn run(program: &ProgramText, link: &str) -> Result<Answer, NotRun> {
    let request = Object::new();
    let (key, text) = match program {
        ProgramText::Source(source) => ("source", source),
        ProgramText::Packed(packed) => ("packed", packed),
    };
    set(&request, key, text.as_str().into());
    set(&request, "link", link.into());
    let (sender, receiver) = oneshot::channel();
    CLIENT
        .with(|client| {
            let mut client = client.borrow_mut();
            let stale = client
                .as_ref()
                .and_then(|c| c.in_flight)
                .is_some_and(|(_, sent)| js_sys::Date::now() - sent > STALE_AFTER_MS);
            if stale {
                // Its replies go with it: every request it held is replaced by this one.
                if let Some(old) = client.take() {
                    old.worker.terminate();
                }
            }
            if client.is_none() {
                *client = Some(start()?);
            }
            let client = client.as_mut().expect("started above");
            let id = client.next_id;
            client.next_id += 1;
            set(&request, "id", id.into());
            client.replies.insert(id, sender);
            // A request still waiting is replaced: its sender dropped, its run cancelled.
            if let Some((old, _)) = client.next.replace((id, request.into())) {
                client.replies.remove(&old);
            }
            client.send_next();
            Ok::<(), String>(())
        })
        .map_err(NotRun::Failed)?;
    let reply = receiver
        .await
        .map_err(|_| NotRun::Replaced)?
        .map_err(NotRun::Failed)?;
    if let Some(refusal) = get(&reply, "refusal").as_string() {
        return Err(NotRun::Refused(refusal));
    }
    decode(&reply).map_err(NotRun::Failed)
}

fn start() -> Result<Client, String> {
    let worker = Worker::new(WORKER_URL)
        .map_err(|error| format!("the program runner did not start: {error:?}"))?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|message: MessageEvent| {
        CLIENT.with(|client| {
            if let Some(client) = client.borrow_mut().as_mut() {
                client.received(message.data());
            }
        });
    });
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(|event: ErrorEvent| {
        let why = match event.message() {
            message if message.is_empty() => {
                "the program runner failed to load (offline before it was ever fetched?)".into()
            }
            message => format!("the program runner stopped: {message}"),
        };
        give_up(&why);
    });
    let load_deadline = gloo_timers::callback::Timeout::new(LOAD_MS_MAX, || {
        let loading = CLIENT.with(|client| client.borrow().as_ref().is_some_and(|c| !c.ready));
        if loading {
            give_up("the program runner did not load (offline before it was ever fetched?)");
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client {
        worker,
        ready: false,
        in_flight: None,
        next: None,
        replies: HashMap::new(),
        next_id: 1,
        _on_message: on_message,
        _on_error: on_error,
        _load_deadline: load_deadline,
    })
}

/// Stops the worker and answers everything it held with `why`; it is
/// taken out, so the next run starts a fresh one.
fn give_up(why: &str) {
    let failed = CLIENT.with(|client| client.borrow_mut().take());
    if let Some(failed) = failed {
        failed.worker.terminate();
        for (_, reply) in failed.replies {
            let _ = reply.send(Err(why.to_owned()));
        }
    }
}

impl Client {
    fn send_next(&mut self) {
        if !self.ready || self.in_flight.is_some() {
            return;
        }
        if let Some((id, request)) = self.next.take() {
            self.in_flight = Some((id, js_sys::Date::now()));
            if let Err(error) = self.worker.post_message(&request) {
                self.in_flight = None;
                if let Some(reply) = self.replies.remove(&id) {
                    let _ = reply.send(Err(format!("the program runner refused it: {error:?}")));
                }
            }
        }
    }

    fn received(&mut self, data: JsValue) {
        if data.as_string().as_deref() == Some("ready") {
            self.ready = true;
        } else {
            let id = get(&data, "id").as_f64().map(|id| id as u32);
            if id.is_some() && id == self.in_flight.map(|(id, _)| id) {
                self.in_flight = None;
            }
            if let Some(reply) = id.and_then(|id| self.replies.remove(&id)) {
                let _ = reply.send(Ok(data));
            }
        }
        self.send_next();
    }
}

/// The worker's answer, read field by field.
fn decode(answer: &JsValue) -> Result<Answer, String> {
    let text = |key: &str| get(answer, key).as_string().unwrap_or_default();
    let numbers = |key: &str| -> Vec<f64> {
        get(answer, key)
            .dyn_into::<Float64Array>()
            .map(|a| a.to_vec())
            .unwrap_or_default()
    };
    let texts: Vec<String> = get(answer, "lines")
        .dyn_into::<js_sys::Array>()
        .map(|a| {
            a.iter()
                .map(|t| t.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let meta = numbers("lineMeta");
    let printed = texts
        .into_iter()
        .zip(meta.chunks_exact(3))
        .map(|(text, m)| Printed {
            event: m[0] as u64,
            goroutine: m[1] as u32,
            at: Nanos(m[2] as u64),
            text,
        })
        .collect();
    let failed = numbers("failed");
    let outcome = numbers("outcome");
    let [end, events, alive] = outcome[..] else {
        return Err("the program runner's answer has no outcome".into());
    };
    let report = Report {
        source: text("source"),
        packed: text("packed"),
        stdout: text("stdout"),
        stderr: text("stderr"),
        compiled: get(answer, "compiled").as_bool().unwrap_or(false),
        status: get(answer, "status").as_f64().unwrap_or(2.0) as i32,
        printed,
        failed_at: (failed.len() == 2).then(|| (failed[0] as u32, failed[1] as u32)),
    };
    let events_bytes = get(answer, "events")
        .dyn_into::<Uint8Array>()
        .map(|bytes| bytes.to_vec())
        .unwrap_or_default();
    Ok(Answer {
        report,
        events: events_bytes,
        outcome: Outcome {
            end: Nanos(end as u64),
            events: events as u64,
            alive_at_exit: alive as u32,
        },
    })
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn set(object: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &key.into(), &value);
}
