//! Unbounded goroutines: one goroutine per task, nothing limits how many run at once.

use crate::go::Go;
use crate::program::go_lines;
use crate::scenario::{MainWait, Scenario};
use crate::vocabulary::Role;
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/unbounded/main.go");

go_lines!(Lines {
    make_wg,
    add,
    spawn_worker,
    done,
    run,
    wait,
    sleep
});

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let wg = go.wait_group(l.make_wg).await;
    for t in 0..go.tasks() {
        go.task_queued(t, l.spawn_worker);
        go.add(wg, 1, l.add).await;
        let g = go.clone();
        let worker = async move {
            g.run_task(t, t, l.run).await;
            g.done(wg, l.done).await;
        };
        go.spawn(Role::Worker, t, worker, l.spawn_worker).await;
    }
    match s.params.main_wait {
        MainWait::WaitGroup => go.wait(wg, l.wait).await,
        MainWait::Sleep(d) => go.sleep(d, l.sleep).await,
        // Returning ends the program; whatever still runs is lost.
        MainWait::Nothing => {}
    }
}
