//! Semaphore-bounded: one goroutine per task, but a buffered channel lets only `workers` hold a slot at once.

use crate::go::Go;
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::trace::EMPTY_STRUCT;
use crate::vocabulary::{ChanRole, Role};
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/semaphore/main.go");

go_lines!(Lines {
    make_sem,
    make_wg,
    acquire,
    add,
    spawn_worker,
    done,
    run,
    release,
    wait
});

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let sem = go
        .make_chan(s.params.workers, ChanRole::Semaphore, l.make_sem)
        .await;
    let wg = go.wait_group(l.make_wg).await;
    for t in 0..go.tasks() {
        go.task_queued(t, l.acquire);
        go.send(sem, EMPTY_STRUCT, l.acquire).await;
        go.add(wg, 1, l.add).await;
        let g = go.clone();
        let worker = async move {
            g.run_task(t, t, l.run).await;
            g.recv(sem, l.release).await;
            g.done(wg, l.done).await;
        };
        go.spawn(Role::Worker, t, worker, l.spawn_worker).await;
    }
    go.wait(wg, l.wait).await;
}
