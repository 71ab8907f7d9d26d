//! Where password hashes are computed: a pool of one thread per core, at a
//! lower CPU priority than the request threads (Linux: nice 19).
//!
//! An Argon2id hash takes tens of milliseconds of one core and 19 MiB. On
//! tokio's blocking pool, a burst of sign-ins started one thread per hash:
//! every core went to hashing, other requests waited behind them (issue 8
//! measured `GET /v1/me` p99 16x worse during sign-ins), and each thread's
//! allocator arena kept its 19 MiB. Here at most one hash runs per core,
//! the rest queue, and the scheduler serves request threads first, so
//! hashing uses what the requests leave.
//!
//! SCHED_IDLE, lower still, was measured and not kept: `GET /v1/me`'s p99
//! while sign-ins kept both cores hashing came out about twice nice 19's
//! (docs/benchmarks-analysis.md, round 14).

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

/// The niceness of the hashing threads: lower priority than the rest.
#[cfg(target_os = "linux")]
const NICE: i32 = 19;

fn pool() -> &'static Mutex<Sender<Job>> {
    static POOL: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        for i in 0..threads {
            let rx = rx.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-hash-{i}"))
                .spawn(move || work(&rx));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password hashing thread");
            }
        }
        Mutex::new(tx)
    })
}

fn work(rx: &Mutex<Receiver<Job>>) {
    // On Linux a thread id given to PRIO_PROCESS names that one thread.
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(Some(rustix::thread::gettid()), NICE) {
        tracing::warn!(error = %e, "cannot lower the password hashing thread's priority");
    }
    loop {
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        match job {
            // A panicking job must not take its thread with it: the pool
            // would shrink until sign-ins wait forever. Its caller sees the
            // dropped answer as an error.
            Ok(job) => {
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
            }
            Err(_) => return,
        }
    }
}

/// Runs `f` on the hashing pool.
pub async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
    let (tx, rx) = oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = tx.send(f());
    });
    pool()
        .lock()
        .map_err(|_| anyhow::anyhow!("the password hashing pool is poisoned"))?
        .send(job)
        .map_err(|_| anyhow::anyhow!("the password hashing pool has stopped"))?;
    rx.await
        .map_err(|_| anyhow::anyhow!("a password hashing job was dropped"))
}

/// [`crate::crypto::hash_password`] on the pool.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    run(move || crate::crypto::hash_password(&password)).await?
}

/// [`crate::crypto::verify_password`] on the pool; a pool failure is "no".
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    run(move || crate::crypto::verify_password(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_and_verifies_on_the_pool() {
        let hash = hash_password("correct horse".into()).await.expect("hash");
        assert!(verify_password("correct horse".into(), Some(hash.clone())).await);
        assert!(!verify_password("wrong horse".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await);
    }

    #[tokio::test]
    async fn many_jobs_all_finish_with_at_most_one_thread_per_core() {
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let jobs: Vec<_> = (0..32)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                tokio::spawn(run(move || {
                    let now = running.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                    most.fetch_max(now, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    running.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                }))
            })
            .collect();
        for job in jobs {
            job.await.expect("task").expect("job");
        }
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        assert!(most.load(std::sync::atomic::Ordering::SeqCst) <= cores);
    }
}
