//! The fifteen lessons, in the order the source text takes its topics; each lesson's prose lives in `lessons/NN-slug.md`.
//!
//! Every number quoted here or in the Markdown was measured by running the
//! link it talks about; `tests/` runs them all again.

use crate::{Correction, Exercise, Goal, Lesson, ProgramFix, Question};
use gobalance_core::{Nanos, Strategy};

const MB: u64 = 1 << 20;

pub(crate) static LESSONS: [Lesson; 15] = [
    Lesson {
        slug: "what-is-a-goroutine",
        title: "What a goroutine is",
        summary: "A goroutine is a function the runtime runs beside the others; when main returns, whatever is still running is gone.",
        markdown: markdown!(include_str!("../lessons/01-what-is-a-goroutine.md")),
        preset: "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=50ms",
        program: Strategy::Unbounded,
        question: Question {
            prompt: "main starts 10 goroutines whose tasks take anywhere from 0 to 100 ms (50 ms on average), sleeps 50 ms, and returns. How many tasks finish?",
            choices: &[
                "All 10: main waited as long as an average task",
                "Only those shorter than 50 ms; the rest are cut off",
                "None: the goroutines only start once main is done",
            ],
            answer: 1,
            explanation: "When main returns the program ends, and every goroutine with it. Here 6 tasks were shorter than the sleep and finished; the other 4 were still running and are lost (the metrics count them as cut off).",
        },
        exercises: &[
            Exercise {
                goal_text: "Let every task finish (10 done, none cut off), still using a sleep.",
                goal: Goal {
                    tasks_done_min: Some(10),
                    ..Goal::NONE
                },
                solution: "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=100ms",
                program: None,
            },
            Exercise {
                goal_text: "Let every task finish and have main return in under 90 ms, without guessing a sleep.",
                goal: Goal {
                    tasks_done_min: Some(10),
                    makespan_max: Some(Nanos::from_ms(90)),
                    ..Goal::NONE
                },
                solution: "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=wg",
                program: None,
            },
        ],
        correction: Some(Correction {
            title: "A sleep does not make main wait for a goroutine",
            body_markdown: markdown!("The source's first example sleeps 100 ms and says this *ensures* main does not exit before the goroutine completes. It ensures nothing: it works only while every goroutine happens to be quicker than the guess. With task lengths spread between 0 and 100 ms, a 50 ms sleep loses 4 of 10 tasks; `sync.WaitGroup` finishes all 10 and returns the moment the last one is done (86 ms here)."),
            seed_link: "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=50ms",
            fixed_link: "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=wg",
        }),
    },
    Lesson {
        slug: "the-go-scheduler",
        title: "Go's scheduler",
        summary: "Many goroutines share a few processors (Ps): run queues, stealing between Ps, and preemption after about 10 ms.",
        markdown: markdown!(include_str!("../lessons/02-the-go-scheduler.md")),
        preset: "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2",
        program: Strategy::Pool,
        question: Question {
            prompt: "8 goroutines each need 30 ms of CPU, and GOMAXPROCS is 2. When does the last one finish?",
            choices: &[
                "After about 30 ms: they all run at once",
                "After about 120 ms: two run at a time",
                "After about 240 ms: one runs at a time",
            ],
            answer: 1,
            explanation: "Two Ps means two goroutines compute at any moment: 8 × 30 ms of work over 2 Ps is 120 ms. Having more goroutines than Ps does not add processors.",
        },
        exercises: &[Exercise {
            goal_text: "Finish the same 8 tasks in under 40 ms.",
            goal: Goal {
                makespan_max: Some(Nanos::from_ms(40)),
                ..Goal::NONE
            },
            solution: "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=8",
            program: None,
        }],
        correction: None,
    },
    Lesson {
        slug: "unbounded-goroutines",
        title: "Unbounded goroutines",
        summary: "One goroutine per task: memory grows with the task count, and whatever the tasks call gets all of them at once.",
        markdown: markdown!(include_str!("../lessons/03-unbounded-goroutines.md")),
        preset: "strategy=unbounded&tasks=1000&dur=100ms&db=20&db_mode=fail",
        program: Strategy::Unbounded,
        question: Question {
            prompt: "1,000 goroutines each call a database that accepts 20 connections and refuses the rest. How many calls succeed?",
            choices: &["All 1,000", "About 500", "20", "None"],
            answer: 2,
            explanation: "All 1,000 calls arrive at once. The first 20 get a connection; the other 980 are refused on the spot. A goroutine is cheap for Go, not for the database.",
        },
        exercises: &[Exercise {
            goal_text: "Get all 1,000 tasks through the same database with at most 32 goroutines alive.",
            goal: Goal {
                tasks_done_min: Some(1000),
                peak_goroutines_max: Some(32),
                ..Goal::NONE
            },
            solution: "strategy=pool&workers=20&tasks=1000&dur=100ms&db=20&db_mode=fail",
            program: None,
        }],
        correction: None,
    },
    Lesson {
        slug: "worker-pool",
        title: "The worker pool",
        summary: "A fixed set of workers takes tasks from one channel: bounded, and balanced because an idle worker takes the next task.",
        markdown: markdown!(include_str!("../lessons/04-worker-pool.md")),
        preset: "strategy=pool&workers=4&tasks=20&dur=100ms&tasks_buffer=100&results_buffer=100",
        program: Strategy::Pool,
        question: Question {
            prompt: "4 workers share 20 tasks of 100 ms each (all waiting, no computing). How long does the pool take?",
            choices: &["About 100 ms", "About 500 ms", "About 2 s"],
            answer: 1,
            explanation: "Four tasks run at a time, so 20 tasks take five rounds of 100 ms: 500 ms.",
        },
        exercises: &[Exercise {
            goal_text: "Finish in under 250 ms with at most 12 goroutines.",
            goal: Goal {
                makespan_max: Some(Nanos::from_ms(250)),
                peak_goroutines_max: Some(12),
                ..Goal::NONE
            },
            solution: "strategy=pool&workers=10&tasks=20&dur=100ms&tasks_buffer=100&results_buffer=100",
            program: None,
        }],
        correction: None,
    },
    Lesson {
        slug: "dynamic-scaling",
        title: "Dynamic worker scaling",
        summary: "A controller watches the backlog and adds workers while it grows; how often it looks decides how fast it reacts.",
        markdown: markdown!(include_str!("../lessons/05-dynamic-scaling.md")),
        preset: "strategy=dynamic&min_workers=1&max_workers=16&interval=50ms&tasks=200&dur=20ms",
        program: Strategy::Dynamic,
        question: Question {
            prompt: "The pool starts with 1 worker and adds one per check while the backlog is longer than the worker count. Would checking every 10 ms instead of every 50 ms finish this job sooner?",
            choices: &[
                "Yes: workers are added sooner",
                "No: the same workers do the same work",
                "No, it is slower: checking costs time",
            ],
            answer: 0,
            explanation: "The job is over before the pool would reach its 16-worker ceiling at one worker per 50 ms. Checking every 10 ms reaches 16 workers after 150 ms, and the job takes 330 ms instead of 620 ms.",
        },
        exercises: &[Exercise {
            goal_text: "Finish in under 350 ms with at most 20 goroutines.",
            goal: Goal {
                makespan_max: Some(Nanos::from_ms(350)),
                peak_goroutines_max: Some(20),
                ..Goal::NONE
            },
            solution: "strategy=dynamic&min_workers=1&max_workers=16&interval=10ms&tasks=200&dur=20ms",
            program: None,
        }],
        correction: Some(Correction {
            title: "The source's dynamic pool does not compile",
            body_markdown: markdown!("It calls `getSystemLoad`, `getCurrentWorkerCount` and `launchNewWorker`, and defines none of them, so there is nothing to run. Its monitor goroutine also loops forever with no way to stop it (a leak of its own), and it hands `&wg` to the missing `launchNewWorker`, so any `wg.Add` would run in that loop while `main` may already be in `wg.Wait` with the counter at zero, which the `sync` package forbids. Our program is complete: it counts its workers with an atomic, samples the backlog on a `time.Ticker` it stops, and `main` ends the controller before it waits. The closest runnable reading of the source checks once a second: the same 200 tasks take 2.38 s, against 0.33 s when the controller looks every 10 ms."),
            seed_link: "strategy=dynamic&min_workers=1&max_workers=16&interval=1s&tasks=200&dur=20ms",
            fixed_link: "strategy=dynamic&min_workers=1&max_workers=16&interval=10ms&tasks=200&dur=20ms",
        }),
    },
    Lesson {
        slug: "work-stealing",
        title: "Work stealing",
        summary: "Per-worker queues are cheap to use but can be dealt unevenly; a worker that runs dry takes from another's queue.",
        markdown: markdown!(include_str!("../lessons/06-work-stealing.md")),
        preset: "strategy=static&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1",
        program: Strategy::Static,
        question: Question {
            prompt: "40 tasks are dealt round-robin to 4 workers; every fourth task takes 160 ms, the rest 20 ms. Nobody steals. When does the job end?",
            choices: &[
                "After about 550 ms: the work is spread evenly",
                "After about 1.6 s: one worker got every long task",
                "After about 2.2 s: the tasks run one after another",
            ],
            answer: 1,
            explanation: "Dealing round-robin puts tasks 0, 4, 8, … on worker 0, and those are exactly the long ones: 10 × 160 ms = 1.6 s, while the other three are done after 200 ms.",
        },
        exercises: &[
            Exercise {
                goal_text: "Finish in under 700 ms with work stealing.",
                goal: Goal {
                    makespan_max: Some(Nanos::from_ms(700)),
                    strategy: Some(Strategy::Steal),
                    ..Goal::NONE
                },
                solution: "strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1",
                program: None,
            },
            Exercise {
                goal_text: "Reach 90% efficiency with at most 6 goroutines (stealing alone gets 86%).",
                goal: Goal {
                    efficiency_min_permille: Some(900),
                    peak_goroutines_max: Some(6),
                    ..Goal::NONE
                },
                solution: "strategy=pool&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1",
                program: None,
            },
            Exercise {
                goal_text: "Fix the program: the source's pool never steals. Open it in the editor and make a worker whose own queue runs dry take the tasks left in the others', to finish all 40 tasks in under 700 ms.",
                goal: Goal {
                    makespan_max: Some(Nanos::from_ms(700)),
                    tasks_done_min: Some(40),
                    ..Goal::NONE
                },
                solution: "strategy=static&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1",
                program: Some(ProgramFix {
                    broken: include_str!("../programs/steal-never-steals.go"),
                    fixed: include_str!("../programs/steal-never-steals.fixed.go"),
                }),
            },
        ],
        correction: Some(Correction {
            title: "The source's work-stealing pool never steals",
            body_markdown: markdown!("It deals the items to one channel per worker, closes them all, and each worker drains its own. The loop that should steal has an empty body, so a worker that runs dry just returns. That is static partition: on a skewed workload one worker ends up with all the long tasks and the others wait. Measured on the same 40 tasks: the source's scheme takes 1.6 s with 0 steals; real stealing takes 640 ms, with 5 steals moving 10 tasks."),
            seed_link: "strategy=static&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1",
            fixed_link: "strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1",
        }),
    },
    Lesson {
        slug: "fan-out-fan-in",
        title: "Fan-out, fan-in",
        summary: "Spread tasks over workers, then merge their outputs into one channel; results come back in the order they finish.",
        markdown: markdown!(include_str!("../lessons/07-fan-out-fan-in.md")),
        preset: "strategy=fanout&workers=4&tasks=20&dist=exp",
        program: Strategy::Fanout,
        question: Question {
            prompt: "Four workers send their results on their own channels, merged into one. In what order do the 20 results reach main?",
            choices: &[
                "Input order: 0, 1, 2, …",
                "The order the workers finish them",
                "Reverse input order",
            ],
            answer: 1,
            explanation: "A merge forwards whatever is ready. Here task 1's result reaches main eighth, after 0, 3, 2, 5, 4, 7 and 6.",
        },
        exercises: &[Exercise {
            goal_text: "Finish in under 300 ms with at most 22 goroutines (each worker brings a forwarder).",
            goal: Goal {
                makespan_max: Some(Nanos::from_ms(300)),
                peak_goroutines_max: Some(22),
                ..Goal::NONE
            },
            solution: "strategy=fanout&workers=10&tasks=20&dist=exp",
            program: None,
        }],
        correction: Some(Correction {
            title: "The source's fan-in loses the input order",
            body_markdown: markdown!("Its `fanOutFanIn` returns a slice built in completion order, so `results[i]` need not belong to `items[i]`. For `task * 2` nobody notices; for anything where the caller matches results to inputs, it is a bug. In this run 12 of the 20 results reach main while an earlier one is still missing. With `ordered=true` our program keeps early results in a small map and releases them in input order. The arrival order on the stage is the same in both runs: the reordering happens inside main."),
            seed_link: "strategy=fanout&workers=4&tasks=20&dist=exp",
            fixed_link: "strategy=fanout&workers=4&tasks=20&dist=exp&ordered=true",
        }),
    },
    Lesson {
        slug: "rate-limited-pool",
        title: "The rate-limited pool",
        summary: "Workers wait for a tick or a token before each task, so a fragile service sees a steady pace.",
        markdown: markdown!(include_str!("../lessons/08-rate-limited-pool.md")),
        preset: "strategy=ratelimit&workers=4&tasks=20&rate=10&db=2&db_mode=fail",
        program: Strategy::RateLimit,
        question: Question {
            prompt: "4 workers share a ticker of 10 ticks a second, and each task takes 100 ms. How long do 20 tasks take?",
            choices: &[
                "About 0.5 s: four workers at a time",
                "About 2 s: the ticker allows 10 starts a second",
                "About 8 s",
            ],
            answer: 1,
            explanation: "The workers are not the limit; the ticker is. One start per 100 ms, the first after one period, so the 20th starts at 2.0 s and ends at 2.1 s.",
        },
        exercises: &[Exercise {
            goal_text: "Get all 20 tasks through the 2-connection database (it refuses the rest) in under 1.2 s.",
            goal: Goal {
                tasks_done_min: Some(20),
                makespan_max: Some(Nanos::from_ms(1200)),
                ..Goal::NONE
            },
            solution: "strategy=ratelimit&workers=4&tasks=20&rate=20&db=2&db_mode=fail",
            program: None,
        },
        Exercise {
            goal_text: "Fix the program: the source paces its workers with time.Tick, whose ticker outlives the work. Open it in the editor and make the ticker stop once all 20 tasks are done.",
            goal: Goal {
                tasks_done_min: Some(20),
                leaked_tickers_max: Some(0),
                ..Goal::NONE
            },
            solution: "strategy=ratelimit&workers=4&tasks=20&rate=10&db=2&db_mode=fail",
            program: Some(ProgramFix {
                broken: include_str!("../programs/ticker-leaks.go"),
                fixed: include_str!("../programs/ticker-leaks.fixed.go"),
            }),
        }],
        correction: Some(Correction {
            title: "`time.Tick` never stops its ticker",
            body_markdown: markdown!("The source builds its limiter with `time.Tick`, which gives no way to stop the ticker. Before Go 1.23, and in any module whose `go.mod` names an older version (ours says 1.19), an unstopped ticker is never freed and keeps firing after the function returns; call the pool once per batch and every call leaves one behind. Since Go 1.23 an unreachable ticker is collected, but `NewTicker` with `defer Stop()` says the intent on every version, and that is what our program does. A leftover ticker is not a goroutine, so no counter here shows it. What the two links do show is the other limit of a bare ticker: it never allows a burst. A token bucket (`golang.org/x/time/rate`) with room for 4 lets the first four tasks start at once: 20 tasks at 10 a second take 1.7 s instead of 2.1 s."),
            seed_link: "strategy=ratelimit&workers=4&tasks=20&rate=10",
            fixed_link: "strategy=ratelimit&workers=4&tasks=20&rate=10&limiter=bucket&burst=4",
        }),
    },
    Lesson {
        slug: "cpu-bound-vs-io-bound",
        title: "CPU-bound versus I/O-bound",
        summary: "Computing needs a P; waiting does not. So computing stops scaling at the core count, and waiting keeps scaling.",
        markdown: markdown!(include_str!("../lessons/09-cpu-bound-vs-io-bound.md")),
        preset: "strategy=pool&workers=4&tasks=64&dur=50ms&cores=4",
        program: Strategy::Pool,
        question: Question {
            prompt: "64 tasks of 50 ms that only wait (I/O) take 800 ms with 4 workers on 4 cores. What do 16 workers give?",
            choices: &[
                "About 200 ms: four times as many waits at once",
                "No change: there are only 4 cores",
                "Slower: too many goroutines",
            ],
            answer: 0,
            explanation: "A waiting goroutine holds no P, so the 4 cores are not the limit: 16 workers wait on 16 calls at once and finish in 200 ms.",
        },
        exercises: &[
            Exercise {
                goal_text: "Finish the waiting tasks in under 100 ms.",
                goal: Goal {
                    makespan_max: Some(Nanos::from_ms(100)),
                    ..Goal::NONE
                },
                solution: "strategy=pool&workers=64&tasks=64&dur=50ms&cores=4",
                program: None,
            },
            Exercise {
                goal_text: "Make the tasks pure computing (cpu=1) and reach 95% efficiency with at most 6 goroutines.",
                goal: Goal {
                    efficiency_min_permille: Some(950),
                    peak_goroutines_max: Some(6),
                    ..Goal::NONE
                },
                solution: "strategy=pool&workers=4&tasks=64&dur=50ms&cpu=1&cores=4",
                program: None,
            },
        ],
        correction: None,
    },
    Lesson {
        slug: "leaks-and-cancellation",
        title: "Goroutine leaks and cancellation",
        summary: "A goroutine blocked on a channel nobody reads stays forever; a context lets the caller tell it to stop.",
        markdown: markdown!(include_str!("../lessons/10-leaks-and-cancellation.md")),
        preset: "strategy=leak&tasks=10&dist=uniform&dur=5ms",
        program: Strategy::Leak,
        question: Question {
            prompt: "10 goroutines race to answer on an unbuffered channel; main keeps the first answer and moves on. Without a context, how many goroutines are stuck for good?",
            choices: &["0", "1", "9"],
            answer: 2,
            explanation: "Each of the other 9 eventually tries to send, and no one will ever receive. They never return: 9 leaked.",
        },
        exercises: &[Exercise {
            goal_text: "Leave no goroutine behind, and still be done in under 15 ms.",
            goal: Goal {
                leaked_max: Some(0),
                makespan_max: Some(Nanos::from_ms(15)),
                ..Goal::NONE
            },
            solution: "strategy=leak&tasks=10&dist=uniform&dur=5ms&ctx=true",
            program: None,
        },
        Exercise {
            goal_text: "Fix the program: without a context, the goroutines main stops listening to block forever. Open it in the editor and let each give up once main has its answer: nothing leaked, in under 15 ms.",
            goal: Goal {
                leaked_max: Some(0),
                makespan_max: Some(Nanos::from_ms(15)),
                // A program that starts nothing leaks nothing, and fixes nothing.
                tasks_done_min: Some(1),
                ..Goal::NONE
            },
            solution: "strategy=leak&tasks=10&dist=uniform&dur=5ms",
            program: Some(ProgramFix {
                broken: include_str!("../programs/leak-without-context.go"),
                fixed: include_str!("../programs/leak-without-context.fixed.go"),
            }),
        }],
        correction: None,
    },
    Lesson {
        slug: "bounding-memory",
        title: "Bounding memory with a semaphore",
        summary: "A buffered channel used as a semaphore caps how many tasks hold their memory at once.",
        markdown: markdown!(include_str!("../lessons/11-bounding-memory.md")),
        preset: "strategy=semaphore&workers=2000&tasks=2000&dur=100ms&mem=1MB",
        program: Strategy::Semaphore,
        question: Question {
            prompt: "2,000 tasks each hold 1 MB while they run, and the semaphore has 2,000 slots. What is the peak memory?",
            choices: &["About 2 MB", "About 100 MB", "About 2 GB"],
            answer: 2,
            explanation: "With as many slots as tasks, the semaphore limits nothing: all 2,000 run at once, holding 2,000 MB plus their stacks.",
        },
        exercises: &[Exercise {
            goal_text: "Keep peak memory at or under 256 MB and still finish in under 1.5 s.",
            goal: Goal {
                peak_memory_max_bytes: Some(256 * MB),
                makespan_max: Some(Nanos::from_ms(1500)),
                ..Goal::NONE
            },
            solution: "strategy=semaphore&workers=150&tasks=2000&dur=100ms&mem=1MB",
            program: None,
        }],
        correction: None,
    },
    Lesson {
        slug: "benchmarking-worker-counts",
        title: "Benchmarking worker counts",
        summary: "Measure a range of worker counts and find the knee, where more workers stop helping.",
        markdown: markdown!(include_str!("../lessons/12-benchmarking-worker-counts.md")),
        preset: "strategy=pool&workers=4&tasks=200&dur=20ms&cpu=0.25&cores=4",
        program: Strategy::Pool,
        question: Question {
            prompt: "A quarter of each task computes and the rest waits; the machine has 4 cores. Past how many workers does adding more stop helping?",
            choices: &["4", "16", "64"],
            answer: 1,
            explanation: "Each worker keeps a core busy a quarter of the time, so 16 workers fill 4 cores. The sweep shows 1.0 s at 4 workers, 265 ms at 16, and 265 ms still at 64.",
        },
        exercises: &[Exercise {
            goal_text: "Finish in under 300 ms with at most 18 goroutines.",
            goal: Goal {
                makespan_max: Some(Nanos::from_ms(300)),
                peak_goroutines_max: Some(18),
                ..Goal::NONE
            },
            solution: "strategy=pool&workers=16&tasks=200&dur=20ms&cpu=0.25&cores=4",
            program: None,
        }],
        correction: None,
    },
    Lesson {
        slug: "monitoring-goroutines",
        title: "Monitoring the goroutine count",
        summary: "The goroutine count over time tells a healthy program from a leaking one.",
        markdown: markdown!(include_str!("../lessons/13-monitoring-goroutines.md")),
        preset: "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3",
        program: Strategy::Leak,
        question: Question {
            prompt: "50 goroutines start; main takes 3 answers and moves on. What does a goroutine counter read from then on?",
            choices: &["0", "3", "47", "50"],
            answer: 2,
            explanation: "The 3 that delivered return. The other 47 block on a send no one will receive, so the count stays at 47 for as long as the program lives.",
        },
        exercises: &[
            Exercise {
                goal_text: "Bring the count back to zero: nothing leaked, and done in under 15 ms.",
                goal: Goal {
                    leaked_max: Some(0),
                    makespan_max: Some(Nanos::from_ms(15)),
                    ..Goal::NONE
                },
                solution: "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3&ctx=true",
                program: None,
            },
            Exercise {
                goal_text: "Run all 50 tasks with the count never above 12 and nothing leaked.",
                goal: Goal {
                    tasks_done_min: Some(50),
                    peak_goroutines_max: Some(12),
                    leaked_max: Some(0),
                    ..Goal::NONE
                },
                solution: "strategy=pool&workers=10&tasks=50&dist=uniform&dur=5ms",
                program: None,
            },
        ],
        correction: None,
    },
    Lesson {
        slug: "real-world-dataset",
        title: "A real-world job: 1,000 records",
        summary: "Everything together on a batch job, and why \"one worker per core\" is wrong when the work waits.",
        markdown: markdown!(include_str!("../lessons/14-real-world-dataset.md")),
        preset: "strategy=pool&workers=8&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8",
        program: Strategy::Pool,
        question: Question {
            prompt: "1,000 records, each 100 ms of sleeping, on 8 workers because the machine has 8 cores. How long does the job take?",
            choices: &["About 1 s", "About 12.5 s", "About 100 s"],
            answer: 1,
            explanation: "8 records at a time, 125 rounds of 100 ms: 12.5 s, while the 8 cores sit idle. Sleeping needs no core.",
        },
        exercises: &[
            Exercise {
                goal_text: "Process all 1,000 records in under 2 s with at most 64 goroutines.",
                goal: Goal {
                    tasks_done_min: Some(1000),
                    makespan_max: Some(Nanos::from_secs(2)),
                    peak_goroutines_max: Some(64),
                    ..Goal::NONE
                },
                solution: "strategy=pool&workers=62&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8",
                program: None,
            },
            Exercise {
                goal_text: "Process all 1,000 records in under 1.1 s.",
                goal: Goal {
                    tasks_done_min: Some(1000),
                    makespan_max: Some(Nanos::from_ms(1100)),
                    ..Goal::NONE
                },
                solution: "strategy=pool&workers=100&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8",
                program: None,
            },
        ],
        correction: Some(Correction {
            title: "The source's \"CPU-bound\" job only sleeps",
            body_markdown: markdown!("Its `processRecord` is `time.Sleep(100 * time.Millisecond)`, and the comment above the worker count says \"assuming CPU-bound work\" to justify `runtime.NumCPU()` workers. A sleeping goroutine holds no core, so the job is I/O-bound in shape and the cores idle: on 8 cores, 8 workers take 12.5 s and 100 workers take 1.0 s. Had the records really computed for 100 ms (`cpu=1`), 8 workers would be right: 100 workers then take 12.51 s, no better."),
            seed_link: "strategy=pool&workers=8&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8",
            fixed_link: "strategy=pool&workers=100&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8",
        }),
    },
    Lesson {
        slug: "sandbox",
        title: "Sandbox",
        summary: "Every strategy and every knob: bring your own workload.",
        markdown: markdown!(include_str!("../lessons/15-sandbox.md")),
        preset: "strategy=static&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4",
        program: Strategy::Static,
        question: Question {
            prompt: "200 heavy-tailed tasks (most short, a few very long) on 8 workers and 4 cores. Which of these finishes first?",
            choices: &["Static partition", "Work stealing", "Dynamic scaling"],
            answer: 1,
            explanation: "Static partition is stuck with however the long tasks were dealt (983 ms); dynamic scaling spends its first moments with too few workers (1.01 s); stealing moves work to whoever is idle and ends at 916 ms, against a lower bound of 880 ms.",
        },
        exercises: &[Exercise {
            goal_text: "Reach 95% efficiency with at most 12 goroutines.",
            goal: Goal {
                efficiency_min_permille: Some(950),
                peak_goroutines_max: Some(12),
                ..Goal::NONE
            },
            solution: "strategy=steal&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4",
            program: None,
        }],
        correction: None,
    },
];
