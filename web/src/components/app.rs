//! The root component: owns the page state, calls the hooks that run the effects, and lays out the playground.

use std::rc::Rc;

use gobalance_core::view::ViewState;
use gobalance_core::Event;
use yew::prelude::*;

use crate::components::{
    CodeView, CompareView, Controls, ErrorBanner, EventLog, ExportPanel, HelpOverlay, JobPanel,
    LessonIndex, LessonPage, MetricsPanel, ParamsPanel, ProgramEditor, RealPanel, RunStatus,
    ShareButton, Stage, SweepPanel, ThreadsPanel, Timeline,
};
use crate::hooks::{
    current_href, current_origin, current_path, use_address, use_boot, use_keyboard,
    use_performance_mark, use_playback, use_real_run, use_simulation, use_sweep,
};
use crate::lessons::{self, Route};
use crate::state::{Action, Shared, State, Threads};
use crate::{narrate, url};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        // A lesson route opens its preset; `lessons::open` reads every other address as the core does.
        let (link, errors) = lessons::open(&current_href());
        State::from_link(link, errors)
    });
    use_boot(state.dispatcher());
    let cancel = use_simulation(&state);
    use_sweep(&state);
    let cancel_real = use_real_run(&state);
    use_playback(state.playback.playing, state.dispatcher());
    use_keyboard(state.dispatcher());
    let path = use_memo((), |()| current_path());
    let origin = use_memo((), |()| current_origin());
    let route = lessons::use_route();
    let address = match &route {
        Route::Index => lessons::route::index_address(&url::link(&state), &path),
        _ => url::address(&state, &path),
    };
    use_address(address, state.dispatcher());
    // In-page links carry the playground's scenario, as the address does: a
    // bare `#/lessons` would replace the fragment that holds it. The
    // playground and the index hold it; on a lesson it is remembered.
    if matches!(route, Route::Playground | Route::Index) && state.opened.lesson.is_none() {
        lessons::route::remember_playground(&url::link(&state));
    }
    let index_href = lessons::route::index_href();
    let playground_href = AttrValue::from(lessons::route::playground_href());
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, ()| dispatcher.dispatch(action))
    };

    let playback = &state.playback;
    let session = state.session().filter(|s| s.is_recorded()).cloned();
    // Each column's state at the playhead: the one thing every view reads.
    let views: Rc<Vec<Shared<ViewState>>> =
        use_memo((session.clone(), playback.playhead), |(session, k)| {
            session.as_ref().map_or_else(Vec::new, |session| {
                session
                    .views_at(*k)
                    .into_iter()
                    .map(|view| Shared(Rc::new(view)))
                    .collect()
            })
        });
    let last: Option<(usize, Event)> = session.as_ref().and_then(|s| s.step(playback.playhead));
    let focus = session
        .as_ref()
        .map_or(0, |s| state.compare.focus.min(s.runs.len() - 1));

    // The first time a stage is on the page, for the first-render measurement.
    use_performance_mark("stage-painted", session.is_some());

    let (narration, log) = match &session {
        Some(s) => (
            narrate::narration(s, &views, playback.playhead, playback.playing),
            narrate::log(s, &views, playback.playhead),
        ),
        None => (String::new(), Vec::new()),
    };
    let unrecorded = state
        .session()
        .and_then(|s| s.runs.iter().find_map(|r| r.unrecorded.as_ref()))
        .map(|u| AttrValue::from(u.explanation()));
    let share_link = url::share(&state, &origin, &path);

    let fast = playback.fast_forward();
    // Chips animate in after a step or a jump; while playing, a new animation
    // every frame would only flicker (and cost a compositor layer each).
    let arrived = if playback.playing { None } else { last };
    let stage = match (&session, views.as_slice()) {
        (Some(s), views) if s.is_compare() && !views.is_empty() => html! {
            <CompareView
                session={s.clone()}
                views={views.to_vec()}
                last={arrived}
                selected={playback.selected}
                {focus}
                {fast}
                on_action={on_action.clone()}
            />
        },
        (Some(_), [view]) => html! {
            <Stage view={view.clone()} last={arrived.map(|(_, e)| e)} selected={playback.selected} {fast} on_action={on_action.clone()} />
        },
        _ => html! {},
    };

    // While the help is open the page behind it is out of reach (`inert`): no
    // focus, no clicks, nothing for a screen reader, as a modal dialog asks.
    let behind_help = state.help_open;

    html! {
        <div class="app">
            <header class="topbar" inert={behind_help}>
                <div class="brand">
                    <h1>{ "gobalance" }</h1>
                    <p class="tagline">{ "Watch Go's scheduler balance goroutine workloads, one event at a time." }</p>
                </div>
                <div class="top-actions">
                    <a class="lessons-link" href={index_href} data-testid="lessons-link">{ "Lessons" }</a>
                    <ShareButton link={AttrValue::from(share_link)} />
                    <button class="help-button" data-testid="help-button" aria-label="keyboard shortcuts"
                        onclick={on_action.reform(|_: MouseEvent| Action::ToggleHelp)}>{ "?" }</button>
                </div>
            </header>
            // One `main` holds everything between the top bar and the footer, so
            // every part of the page (lesson, index, playground) is in a landmark.
            <main class="page" inert={behind_help}>
            if state.opened.banner_open {
                <ErrorBanner errors={state.opened.errors.clone()} on_action={on_action.clone()} />
            }
            if let Some(slug) = &state.opened.lesson {
                <LessonPage slug={slug.clone()} scenario={state.run.scenario.clone()} run={state.run.status.clone()} {focus}
                    program_ran={state.program.ran_to_the_end()} on_action={on_action.clone()} />
            }
            if route == Route::Index {
                <LessonIndex playground_href={playground_href} />
            } else {
            <div class="workbench">
                <ParamsPanel
                    scenario={state.run.scenario.clone()}
                    compare={state.compare.strategies.clone()}
                    edit_error={state.run.edit_error.clone()}
                    on_action={on_action.clone()}
                />
                <div class="main">
                    <RunStatus run={state.run.status.clone()} {unrecorded} on_cancel={cancel} on_action={on_action.clone()} />
                    <Controls
                        playing={playback.playing}
                        playhead={playback.playhead}
                        len={state.len()}
                        clock={state.clock()}
                        end={session.as_ref().map(|s| s.end_time()).unwrap_or_default()}
                        speed={playback.speed}
                        notice={playback.notice.clone().map(AttrValue::from)}
                        enabled={session.is_some()}
                        on_action={on_action.clone()}
                    />
                    { stage }
                    if let Some(s) = &session {
                        <Timeline session={s.clone()} column={focus} clock={state.clock()} selected={playback.selected} on_action={on_action.clone()} />
                    }
                    if state.program.is_open() {
                        <div class="pair">
                            <ProgramEditor
                                strategy={state.run.scenario.strategy}
                                source={state.program.source().map(|s| AttrValue::from(s.to_owned()))}
                                report={state.program.report.clone()}
                                run={state.run.status.clone()}
                                view={views.first().cloned()}
                                playhead={playback.playhead}
                                at_end={session.is_some() && playback.playhead >= state.len()}
                                selected={playback.selected}
                                on_action={on_action.clone()}
                            />
                            if session.is_some() {
                                <EventLog entries={log.clone()} />
                            }
                        </div>
                    } else if let Some(s) = &session {
                        <div class="pair">
                            if let Some(view) = views.get(focus) {
                                <CodeView
                                    strategy={s.runs[focus].scenario.strategy}
                                    view={view.clone()}
                                    selected={playback.selected}
                                    acting={last.filter(|(c, _)| *c == focus).map(|(_, e)| e.g)}
                                    on_action={on_action.clone()}
                                />
                            }
                            <EventLog entries={log} />
                        </div>
                    }
                    if let Some(s) = state.session() {
                        <MetricsPanel session={s.clone()} />
                    }
                    <RealPanel
                        status={state.real.status.clone()}
                        threads={state.boot.threads.clone()}
                        threads_off={match &state.boot.threads {
                            Threads::Off(off) => Some(AttrValue::from(off.explanation())),
                            _ => None,
                        }}
                        cores={state.run.scenario.machine.cores}
                        strategy={state.run.scenario.strategy}
                        on_action={on_action.clone()}
                        on_cancel={cancel_real}
                    />
                    <ExportPanel session={state.session().cloned()} {focus} scenario={state.run.scenario.clone()} on_pool={state.boot.threads.pool()} />
                    <SweepPanel sweep={state.sweep.status.clone()} strategy={state.run.scenario.strategy} on_pool={state.boot.threads.pool()} on_action={on_action.clone()} />
                </div>
            </div>
            }
            </main>
            <footer class="footer" inert={behind_help}>
                <ThreadsPanel isolation={state.boot.isolation} threads={state.boot.threads.clone()} />
                <JobPanel job={state.boot.job.clone()} />
            </footer>
            if state.help_open {
                <HelpOverlay on_action={on_action.clone()} />
            }
            <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="narration">{ narration }</div>
        </div>
    }
}
