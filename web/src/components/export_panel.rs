//! Export: "Download trace" saves the run as Chrome trace-event JSON for Perfetto, "Download Go program" the strategy's program as one runnable main.go.
//!
//! Both files come from the core, the same code the command line uses
//! (`gobalance trace`, `gobalance code --standalone`). The trace of a big
//! run takes a while to write, so it is written on the pool (`pool::run`)
//! when there is one, in chunks, and handed to the browser as one Blob. Without a
//! pool the page only runs small scenarios (`sim::MAIN_THREAD_TASKS_MAX`), whose
//! traces are written on the page's thread in well under a second.

use std::fmt;
use std::rc::Rc;

use gobalance_core::chrome_trace::{self, TraceInfo};
use gobalance_core::link::{self, Link, View};
use gobalance_core::{standalone, trace, Event, Scenario};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::fmt as page_fmt;
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
    pub scenario: Rc<Scenario>,
    pub on_pool: bool,
}

/// What the last download did, for the status line and `data-state`.
#[derive(Clone, Copy, PartialEq)]
enum Saved {
    Nothing,
    /// The trace is being written.
    Writing,
    Trace,
    Program,
    Failed,
    /// The `work` helpers could not be fetched (offline before the first program).
    HelpersMissing,
}

/// The `work` package's files, fetched from beside the page (trunk copies
/// them into `dist/go/work/`): the page does not carry their text.
async fn work_sources() -> Result<Vec<String>, wasm_bindgen::JsValue> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let mut sources = Vec::with_capacity(standalone::WORK_FILE_NAMES.len());
    for name in standalone::WORK_FILE_NAMES {
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_str(&format!("go/work/{name}")))
                .await?
                .dyn_into()?;
        if !response.ok() {
            return Err(format!("go/work/{name}: HTTP {}", response.status()).into());
        }
        let text = JsFuture::from(response.text()?).await?;
        sources.push(text.as_string().ok_or("not text")?);
    }
    Ok(sources)
}

#[function_component(ExportPanel)]
pub fn export_panel(props: &ExportPanelProps) -> Html {
    let saved = use_state(|| Saved::Nothing);
    let run = props
        .session
        .as_ref()
        .and_then(|s| s.runs.get(props.focus.min(s.runs.len().saturating_sub(1))));
    let scenario = run.map_or_else(|| (*props.scenario).clone(), |r| r.scenario.clone());
    let query = link::to_query(&Link {
        scenario: scenario.clone(),
        view: View::default(),
    });
    let refusal = match (*saved, run) {
        (Saved::Writing, _) => Some("Writing the file…".to_string()),
        (_, None) => Some("There is no finished run to save yet.".to_string()),
        (_, Some(run)) => trace_refusal(run.timeline.is_some(), run.len() as usize, &query),
    };

    let on_trace = {
        let saved = saved.clone();
        let session = props.session.clone().filter(|_| refusal.is_none());
        let focus = props.focus;
        let on_pool = props.on_pool;
        let query = query.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(run) = session.as_ref().and_then(|s| s.runs.get(focus)) else {
                return;
            };
            saved.set(Saved::Writing);
            // Decoded for the pool's thread, which cannot share the page's
            // `Rc`: at most 24 MB, a few milliseconds.
            let events = run.events();
            let scenario = run.scenario.clone();
            let query = query.clone();
            let saved = saved.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = format!("gobalance-{}-trace.json", scenario.strategy.key());
                let job = move || trace_chunks(&scenario, &query, &events);
                let chunks = if on_pool {
                    pool::run(job).await
                } else {
                    // Let the page paint "writing" before its thread is busy.
                    gloo_timers::future::TimeoutFuture::new(0).await;
                    job()
                };
                let ok = save(&name, "application/json", &chunks);
                saved.set(if ok { Saved::Trace } else { Saved::Failed });
            });
        })
    };

    let on_go = {
        let predicted = run.map(|r| r.metrics.makespan);
        let scenario = scenario.clone();
        let saved = saved.clone();
        Callback::from(move |_: MouseEvent| {
            let scenario = scenario.clone();
            let saved = saved.clone();
            saved.set(Saved::Writing);
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(helpers) = work_sources().await else {
                    saved.set(Saved::HelpersMissing);
                    return;
                };
                let helpers: Vec<&str> = helpers.iter().map(String::as_str).collect();
                let source = standalone::main_go(&scenario, predicted, &helpers);
                let ok = save("main.go", "text/x-go", &[source]);
                saved.set(if ok { Saved::Program } else { Saved::Failed });
            });
        })
    };

    let status = match *saved {
        Saved::Trace => "Trace saved: open it in Perfetto (ui.perfetto.dev) or chrome://tracing.",
        Saved::Program => "main.go saved: `go run main.go` runs this scenario.",
        Saved::Failed => "The browser did not save the file.",
        Saved::HelpersMissing => "The program's shared helpers (go/work/*.go beside this page) could not be fetched: saving a Go program needs the network.",
        Saved::Nothing | Saved::Writing => "",
    };
    let state = match *saved {
        Saved::Nothing => "idle",
        Saved::Writing => "writing",
        Saved::Trace => "trace-saved",
        Saved::Program => "program-saved",
        Saved::Failed | Saved::HelpersMissing => "failed",
    };
    html! {
        <section class="panel export" aria-labelledby="export-title" data-testid="export" data-state={state}>
            <h2 id="export-title">{ "Export" }</h2>
            <p class="export-actions">
                <button
                    data-testid="download-trace"
                    aria-disabled={refusal.is_some().to_string()}
                    aria-describedby="download-trace-why"
                    onclick={on_trace}
                >{ "Download trace" }</button>
                { " " }
                <button
                    data-testid="download-go"
                    aria-describedby="download-go-why"
                    onclick={on_go}
                >{ "Download Go program" }</button>
            </p>
            <p id="download-go-why" class="muted">
                { "The trace opens in Perfetto; the Go program is one main.go with this scenario as its flags' defaults." }
            </p>
            if let Some(why) = refusal {
                <p id="download-trace-why" class="why" data-testid="download-trace-why">{ why }</p>
            }
            <p class="muted" role="status" data-testid="export-status">{ status }</p>
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
            page_fmt::count(events as u64),
            page_fmt::count(TRACE_EVENTS_MAX as u64)
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
pub fn trace_chunks(scenario: &Scenario, query: &str, events: &[Event]) -> Vec<String> {
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

/// A `fmt::Write` into a list of strings of about [`CHUNK_BYTES`] each.
#[derive(Default)]
struct Chunks {
    done: Vec<String>,
    current: String,
}

impl Chunks {
    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.done.push(self.current);
        }
        self.done
    }
}

impl fmt::Write for Chunks {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.current.len() + text.len() > CHUNK_BYTES && !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        if self.current.capacity() == 0 {
            self.current.reserve(CHUNK_BYTES.max(text.len()));
        }
        self.current.push_str(text);
        Ok(())
    }
}

/// Saves `parts` as one file called `name`, through an object URL and a
/// link with `download`, the way a page offers a file it made; says whether
/// the browser took it.
fn save(name: &str, mime: &str, parts: &[String]) -> bool {
    let array = js_sys::Array::new();
    for part in parts {
        // A copy into the JS heap: a Blob takes no view of shared memory.
        let bytes = js_sys::Uint8Array::new_with_length(part.len() as u32);
        bytes.copy_from(part.as_bytes());
        array.push(&bytes);
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let url = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &options)
        .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob));
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .map(JsCast::unchecked_into::<web_sys::HtmlAnchorElement>);
    let (Ok(url), Some(anchor)) = (url, anchor) else {
        return false;
    };
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    gloo_timers::callback::Timeout::new(REVOKE_AFTER_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    true
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
        let chunks = trace_chunks(&scenario, "strategy=steal", &loaded.events());
        let text = chunks.concat();
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
        let piece = "7".repeat(300_000);
        for _ in 0..10 {
            fmt::Write::write_str(&mut chunks, &piece).unwrap();
        }
        let done = chunks.finish();
        assert!(done.iter().all(|c| c.len() <= CHUNK_BYTES));
        assert_eq!(done.concat(), piece.repeat(10));
    }

    #[test]
    fn a_refusal_says_why_and_what_to_run_instead() {
        assert_eq!(trace_refusal(true, TRACE_EVENTS_MAX, "strategy=pool"), None);
        let big = trace_refusal(true, TRACE_EVENTS_MAX + 1, "strategy=pool").unwrap();
        assert!(
            big.contains("gobalance trace 'strategy=pool' -o trace.json"),
            "{big}"
        );
        let unrecorded = trace_refusal(false, 0, &"x".repeat(500)).unwrap();
        assert!(
            unrecorded.contains("gobalance trace @link.txt"),
            "{unrecorded}"
        );
    }
}
