//! Dynamic pool: a controller samples the backlog on a ticker and starts workers up to a maximum or retires idle ones down to a minimum.

use super::produce;
use crate::chan::{Chan, Select};
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::time::Ticker;
use crate::work::World;
use gobalance_core::strategies::go_source;
use gobalance_core::trace::EMPTY_STRUCT;
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

go_lines!(Lines {
    send_task,
    recv_result,
    wait_controller,
    wait,
    controller_select,
    worker_select,
    run,
    send_result
});

struct Pool {
    world: Arc<World>,
    l: Lines,
    tasks: Chan,
    results: Chan,
    quit: Chan,
    wg: WaitGroup,
    active: AtomicU32,
    next_id: AtomicU32,
}

impl Pool {
    fn start_worker(self: &Arc<Self>) {
        self.active.fetch_add(1, Ordering::AcqRel);
        self.wg.add(1);
        let id = self.next_id.fetch_add(1, Ordering::AcqRel);
        go(Role::Worker, id, worker(self.clone(), id));
    }
}

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Dynamic));
    let params = &world.scenario().params;
    let capacity = if params.tasks_buffer == 0 {
        world.tasks()
    } else {
        params.tasks_buffer
    };
    let pool = Arc::new(Pool {
        world: world.clone(),
        l,
        tasks: Chan::make(capacity),
        results: Chan::make(params.results_buffer),
        quit: Chan::make(0),
        wg: WaitGroup::new(),
        active: AtomicU32::new(0),
        next_id: AtomicU32::new(0),
    });
    for _ in 0..params.min_workers {
        pool.start_worker();
    }
    go(
        Role::Producer,
        0,
        produce(world.clone(), pool.tasks.clone(), l.send_task),
    );
    let stop = Chan::make(0);
    let controller_done = Chan::make(0);
    go(
        Role::Controller,
        0,
        controller(pool.clone(), stop.clone(), controller_done.clone()),
    );
    for _ in 0..world.tasks() {
        pool.results.recv(l.recv_result).await;
    }
    stop.close();
    controller_done.recv(l.wait_controller).await;
    pool.wg.wait(l.wait).await;
}

async fn controller(pool: Arc<Pool>, stop: Chan, controller_done: Chan) {
    let params = &pool.world.scenario().params;
    let ticker = Ticker::new(params.sample_interval);
    loop {
        let mut select = Select::new();
        select.recv(&ticker.c);
        let stopped = select.recv(&stop);
        if select.wait(pool.l.controller_select).await.is(stopped) {
            break;
        }
        let backlog = pool.tasks.len() as u32;
        let active = pool.active.load(Ordering::Acquire);
        if backlog > active && active < params.max_workers {
            pool.start_worker();
        } else if backlog == 0 && active > params.min_workers {
            // Retire one worker if one is idle; never wait for it.
            let mut select = Select::new();
            select.send(&pool.quit, EMPTY_STRUCT);
            select.try_now();
        }
    }
    ticker.stop();
    controller_done.close();
}

async fn worker(pool: Arc<Pool>, id: u32) {
    loop {
        let mut select = Select::new();
        let task = select.recv(&pool.tasks);
        select.recv(&pool.quit);
        // The tasks channel closed, or the controller retired this worker.
        let Some(t) = select.wait(pool.l.worker_select).await.received(task) else {
            break;
        };
        pool.world.run_task(t, id, pool.l.run).await;
        pool.results.send(t, pool.l.send_result).await;
    }
    pool.active.fetch_sub(1, Ordering::AcqRel);
    pool.wg.done();
}
