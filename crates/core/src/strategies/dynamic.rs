//! Dynamic scaling: a controller samples the backlog every interval, adds workers up to a maximum and retires idle ones down to a minimum.

use super::produce;
use crate::go::{Chan, Go, Select, WaitGroup};
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::trace::EMPTY_STRUCT;
use crate::vocabulary::{ChanRole, Role};
use std::cell::Cell;
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/dynamic/main.go");

go_lines!(Lines {
    make_tasks,
    make_results,
    make_quit,
    make_wg,
    add,
    spawn_worker,
    spawn_producer,
    send_task,
    close_tasks,
    make_stop,
    make_controller_done,
    spawn_controller,
    controller_exit,
    make_ticker,
    stop_ticker,
    controller_select,
    sample,
    retire,
    recv_result,
    stop,
    wait_controller,
    wait,
    done,
    worker_select,
    run,
    send_result,
});

/// What the workers and the controller share.
struct Pool {
    go: Go,
    l: Lines,
    tasks: Chan,
    results: Chan,
    quit: Chan,
    wg: WaitGroup,
    /// `active` in the Go program (an atomic there; one goroutine runs at a time here).
    active: Cell<u32>,
    next_id: Cell<u32>,
}

impl Pool {
    async fn start_worker(self: &Rc<Self>) {
        self.active.set(self.active.get() + 1);
        self.go.add(self.wg, 1, self.l.add).await;
        let id = self.next_id.replace(self.next_id.get() + 1);
        self.go
            .spawn(
                Role::Worker,
                id,
                worker(self.clone(), id),
                self.l.spawn_worker,
            )
            .await;
    }
}

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let capacity = if s.params.tasks_buffer == 0 {
        go.tasks()
    } else {
        s.params.tasks_buffer
    };
    let tasks = go.make_chan(capacity, ChanRole::Tasks, l.make_tasks).await;
    let results = go
        .make_chan(s.params.results_buffer, ChanRole::Results, l.make_results)
        .await;
    let quit = go.make_chan(0, ChanRole::Quit, l.make_quit).await;
    let wg = go.wait_group(l.make_wg).await;
    let pool = Rc::new(Pool {
        go: go.clone(),
        l,
        tasks,
        results,
        quit,
        wg,
        active: Cell::new(0),
        next_id: Cell::new(0),
    });
    for _ in 0..s.params.min_workers {
        pool.start_worker().await;
    }
    go.spawn(
        Role::Producer,
        0,
        produce(go.clone(), tasks, l.send_task, l.close_tasks),
        l.spawn_producer,
    )
    .await;
    let stop = go.make_chan(0, ChanRole::Done, l.make_stop).await;
    let controller_done = go
        .make_chan(0, ChanRole::Done, l.make_controller_done)
        .await;
    go.spawn(
        Role::Controller,
        0,
        controller(pool.clone(), s.clone(), stop, controller_done),
        l.spawn_controller,
    )
    .await;
    for _ in 0..go.tasks() {
        go.recv(results, l.recv_result).await;
    }
    go.close(stop, l.stop).await;
    go.recv(controller_done, l.wait_controller).await;
    go.wait(wg, l.wait).await;
}

async fn controller(pool: Rc<Pool>, s: Rc<Scenario>, stop: Chan, controller_done: Chan) {
    let (go, l) = (&pool.go, pool.l);
    let ticker = go.ticker(s.params.sample_interval, l.make_ticker).await;
    loop {
        let mut select = Select::new();
        select.recv(ticker.c);
        let stopped = select.recv(stop);
        if go.select(select, l.controller_select).await.is(stopped) {
            break;
        }
        let backlog = go.len(pool.tasks, l.sample).await;
        let active = pool.active.get();
        if backlog > active && active < s.params.max_workers {
            pool.start_worker().await;
        } else if backlog == 0 && active > s.params.min_workers {
            // Retire one worker if one is idle; never wait for it.
            let mut select = Select::new();
            select.send(pool.quit, EMPTY_STRUCT);
            go.select_or_default(select, l.retire).await;
        }
    }
    go.stop_ticker(ticker, l.stop_ticker).await;
    go.close(controller_done, l.controller_exit).await;
}

async fn worker(pool: Rc<Pool>, id: u32) {
    let (go, l) = (&pool.go, pool.l);
    loop {
        let mut select = Select::new();
        let task = select.recv(pool.tasks);
        select.recv(pool.quit);
        // The tasks channel closed, or the controller retired this worker.
        let Some(t) = go.select(select, l.worker_select).await.received(task) else {
            break;
        };
        go.run_task(t, id, l.run).await;
        go.send(pool.results, t, l.send_result).await;
    }
    pool.active.set(pool.active.get() - 1);
    go.done(pool.wg, l.done).await;
}
