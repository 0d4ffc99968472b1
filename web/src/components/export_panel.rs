//! Export: "Download trace" saves the run as Chrome trace-event JSON for Perfetto, "Download Go program" the strategy's program as one runnable main.go.
//!
//! Both files come from the core, the same code the command line uses
//! (`gobalance trace`, `gobalance code --standalone`). The trace of a big
//! run takes a while to write, so it is written on the pool (`pool::run`)
//! when there is one, in chunks, and handed to the browser as one Blob. Without a
//! pool the page only runs small scenarios (`sim::MAIN_THREAD_TASKS_MAX`), whose
//! traces are written on the page's thread in well under a second.

use std::io::{self, Write};

use gobalance_core::chrome_trace::{self, TraceInfo};
use gobalance_core::link::{self, Link, View};
use gobalance_core::{standalone, trace, Event, Scenario};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::fmt;
use crate::pool;
use crate::session::Session;
use crate::state::Shared;

/// Runs of more events than this are not saved from the page. Their JSON
/// takes 100 to 200 bytes a simulator event (measured over the strategies),
/// so up to about 200 MB, held in the tab's wasm memory (at most 1 GB, beside
/// the run and its seek snapshots) while it is written, then copied into the
/// Blob; Perfetto's JSON import also slows to a crawl past that size.
/// `gobalance trace` writes a run of any recorded size.
pub const TRACE_EVENTS_MAX: usize = 1_000_000;

/// The JSON is handed over in pieces of this size, so it never needs one
/// contiguous buffer (which would double as it grows).
const CHUNK_BYTES: usize = 1 << 20;

/// What the trace header says wrote it.
const GENERATOR: &str = "gobalance playground";

/// Object URLs are revoked this long after the click: the browser reads the
/// Blob after the click returns, and a longer wait costs nothing.
const REVOKE_AFTER_MS: u32 = 40_000;

#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The finished session, if the current scenario has one.
    pub session: Option<Shared<Session>>,
    /// The compare column whose run is saved.
    pub focus: usize,
    /// The scenario the page shows, for the Go program before a run is ready.
    pub scenario: std::rc::Rc<Scenario>,
    pub on_pool: bool,
}

/// Where the trace download is.
#[derive(Clone, PartialEq)]
enum Saving {
    Idle,
    Writing,
    Saved(String),
    Failed(String),
}

impl Saving {
    fn word(&self) -> &'static str {
        match self {
            Saving::Idle => "idle",
            Saving::Writing => "writing",
            Saving::Saved(_) => "saved",
            Saving::Failed(_) => "failed",
        }
    }
}

#[function_component(ExportPanel)]
pub fn export_panel(props: &ExportPanelProps) -> Html {
    let saving = use_state(|| Saving::Idle);
    let run = props
        .session
        .as_ref()
        .and_then(|s| s.runs.get(props.focus.min(s.runs.len().saturating_sub(1))));
    let scenario = run.map_or_else(|| (*props.scenario).clone(), |r| r.scenario.clone());
    let query = link::to_query(&Link {
        scenario: scenario.clone(),
        view: View::default(),
    });

    let refusal = match run {
        None => Some("There is no finished run to save yet.".to_string()),
        Some(run) => trace_refusal(
            run.timeline.is_some(),
            run.events().len(),
            &query,
        ),
    };
    let refusal = if *saving == Saving::Writing {
        Some("Writing the trace…".to_string())
    } else {
        refusal
    };

    let on_trace = {
        let saving = saving.clone();
        let session = props.session.clone();
        let focus = props.focus;
        let on_pool = props.on_pool;
        let allowed = refusal.is_none();
        let query = query.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(session) = session.clone().filter(|_| allowed) else {
                return;
            };
            let Some(run) = session.runs.get(focus) else {
                return;
            };
            saving.set(Saving::Writing);
            // The events are copied for the pool's thread, which cannot share
            // the page's `Rc`: at most 24 MB, a few milliseconds.
            let events = run.events().to_vec();
            let scenario = run.scenario.clone();
            let query = query.clone();
            let name = format!("gobalance-{}-trace.json", scenario.strategy.key());
            let saving = saving.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let job = move || trace_chunks(&scenario, &query, &events);
                let chunks = if on_pool {
                    pool::run(job).await
                } else {
                    // Let the page paint "writing" before its thread is busy.
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    job()
                };
                let bytes: usize = chunks.iter().map(Vec::len).sum();
                saving.set(match save(&name, "application/json", &chunks) {
                    Ok(()) => Saving::Saved(format!(
                        "Saved {name} ({}): open it in Perfetto (ui.perfetto.dev).",
                        fmt::bytes(bytes as u64)
                    )),
                    Err(why) => Saving::Failed(format!("The trace was not saved: {why}.")),
                });
            });
        })
    };

    let go_saved = use_state(|| None::<Result<(), String>>);
    let on_go = {
        let predicted = run.map(|r| r.metrics.makespan);
        let scenario = scenario.clone();
        let go_saved = go_saved.clone();
        Callback::from(move |_: MouseEvent| {
            let source = standalone::main_go(&scenario, predicted);
            go_saved.set(Some(save("main.go", "text/x-go", &[source.into_bytes()])));
        })
    };

    let trace_status = match (&*saving, &refusal) {
        (Saving::Saved(text) | Saving::Failed(text), None) => text.clone(),
        (_, Some(why)) => why.clone(),
        (_, None) => String::new(),
    };
    let disabled = refusal.is_some();
    html! {
        <section class="export" aria-labelledby="export-title" data-testid="export">
            <h2 id="export-title">{ "Export" }</h2>
            <div class="export-row">
                <button
                    data-testid="download-trace"
                    data-state={saving.word()}
                    aria-disabled={disabled.to_string()}
                    aria-describedby="download-trace-why"
                    onclick={on_trace}
                >{ "Download trace" }</button>
                <span id="download-trace-why" class="why" role="status" data-testid="download-trace-why">
                    { trace_status }
                </span>
            </div>
            <div class="export-row">
                <button
                    data-testid="download-go"
                    aria-describedby="download-go-why"
                    onclick={on_go}
                >{ "Download Go program" }</button>
                <span id="download-go-why" class="why" role="status" data-testid="download-go-why">
                    { match &*go_saved {
                        Some(Ok(())) => "Saved main.go: go run main.go runs this scenario.".to_string(),
                        Some(Err(why)) => format!("main.go was not saved: {why}."),
                        None => format!("{}, one self-contained main.go with this scenario.", scenario.strategy.title()),
                    } }
                </span>
            </div>
        </section>
    }
}

/// Why this run's trace cannot be saved from the page, or `None` when it can.
fn trace_refusal(recorded: bool, events: usize, query: &str) -> Option<String> {
    let command = cli_command(query);
    if !recorded {
        return Some(format!(
            "This run kept no events (see above), so the page has no trace to save. {command}"
        ));
    }
    (events > TRACE_EVENTS_MAX).then(|| {
        format!(
            "This run has {} events, more than the {} a trace saved from the page may have: \
             its JSON would take more of the tab's memory than it can spare. {command}",
            fmt::count(events as u64),
            fmt::count(TRACE_EVENTS_MAX as u64)
        )
    })
}

/// The command line that writes the same trace, with the link in a file when it is long.
fn cli_command(query: &str) -> String {
    if query.len() <= 160 {
        format!("The command line writes it: gobalance trace '{query}' -o trace.json")
    } else {
        "The command line writes it: save the share link to link.txt, then run \
         gobalance trace @link.txt -o trace.json"
            .to_string()
    }
}

/// The trace of a run, as the command line writes it, in chunks.
pub fn trace_chunks(scenario: &Scenario, query: &str, events: &[Event]) -> Vec<Vec<u8>> {
    let info = TraceInfo {
        scenario,
        link: query,
        trace_hash: trace::hash_events(events),
        generator: GENERATOR,
    };
    let mut chunks = Chunks::default();
    // Writing into memory cannot fail.
    let _ = chrome_trace::write(&mut chunks, &info, events);
    chunks.finish()
}

/// An `io::Write` into a list of buffers of about [`CHUNK_BYTES`] each.
#[derive(Default)]
struct Chunks {
    done: Vec<Vec<u8>>,
    current: Vec<u8>,
}

impl Chunks {
    fn finish(mut self) -> Vec<Vec<u8>> {
        if !self.current.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.current.len() + bytes.len() > CHUNK_BYTES && !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        if self.current.capacity() == 0 {
            self.current.reserve(CHUNK_BYTES.max(bytes.len()));
        }
        self.current.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Saves `parts` as one file called `name`, through an object URL and a
/// link with `download`, the way a page offers a file it made.
fn save(name: &str, mime: &str, parts: &[Vec<u8>]) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let array = js_sys::Array::new();
    for part in parts {
        // A copy into the JS heap: a Blob does not take views of shared memory.
        let bytes = js_sys::Uint8Array::new_with_length(part.len() as u32);
        bytes.copy_from(part);
        array.push(&bytes);
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &options)
        .map_err(|e| format!("the browser made no file ({e:?})"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| format!("the browser gave no address for it ({e:?})"))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    gloo_timers::callback::Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{self, Budget};
    use std::collections::BTreeSet;

    /// The page's trace is the command line's: it parses, names a track per
    /// goroutine, and is cut into chunks that join into one document.
    #[test]
    fn the_trace_of_a_run_has_a_track_per_goroutine() {
        let scenario = link::parse("strategy=steal&workers=3&tasks=12&dist=exp&dur=5ms&seed=7")
            .expect("a valid link")
            .scenario;
        let loaded = sim::load(&scenario, &Budget::default()).expect("runs");
        let chunks = trace_chunks(&scenario, "strategy=steal", loaded.events());
        let text = String::from_utf8(chunks.concat()).expect("UTF-8");
        let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let goroutines = loaded
            .events()
            .iter()
            .filter(|e| e.kind() == gobalance_core::Kind::Spawn)
            .count();
        let tracks: BTreeSet<u64> = json["traceEvents"]
            .as_array()
            .expect("events")
            .iter()
            .filter(|e| e["name"] == "thread_name" && e["pid"] == 1)
            .filter_map(|e| e["tid"].as_u64())
            .collect();
        assert_eq!(tracks.len(), goroutines);
        assert_eq!(json["otherData"]["generator"], GENERATOR);
    }

    #[test]
    fn chunks_stay_near_their_size_and_lose_nothing() {
        let mut chunks = Chunks::default();
        let piece = vec![7u8; 300_000];
        for _ in 0..10 {
            chunks.write_all(&piece).unwrap();
        }
        let done = chunks.finish();
        assert!(done.iter().all(|c| c.len() <= CHUNK_BYTES));
        assert_eq!(done.iter().map(Vec::len).sum::<usize>(), 3_000_000);
    }

    #[test]
    fn a_refusal_says_why_and_what_to_run_instead() {
        assert_eq!(trace_refusal(true, TRACE_EVENTS_MAX, "strategy=pool"), None);
        let big = trace_refusal(true, TRACE_EVENTS_MAX + 1, "strategy=pool").unwrap();
        assert!(big.contains("gobalance trace 'strategy=pool' -o trace.json"), "{big}");
        let unrecorded = trace_refusal(false, 0, &"x".repeat(500)).unwrap();
        assert!(unrecorded.contains("gobalance trace @link.txt"), "{unrecorded}");
    }
}
