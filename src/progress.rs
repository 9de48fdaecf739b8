//! A progress line on standard error for long runs.
//!
//! Shown only when standard error is a terminal and the output is for people, and only after a
//! second, so CI logs, pipes and quick runs never see it. Updates come from the extraction
//! threads; a `try_lock` keeps them from waiting on each other.

use std::io::Write;

/// A progress line on standard error for runs longer than a second, only when standard error is
/// a terminal and the output is for people (never in CI formats or pipes).
pub struct Progress {
    enabled: bool,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
    last: std::sync::Mutex<std::time::Instant>,
}

impl Progress {
    /// A progress line, enabled when `human_output` and standard error is a terminal.
    pub fn new(human_output: bool) -> Progress {
        use std::io::IsTerminal;
        let now = std::time::Instant::now();
        Progress {
            enabled: human_output && std::io::stderr().is_terminal(),
            started: now,
            shown: std::sync::atomic::AtomicBool::new(false),
            last: std::sync::Mutex::new(now),
        }
    }

    /// Reports `done` of `total` sources read.
    pub fn update(&self, done: usize, total: usize) {
        if !self.enabled || self.started.elapsed() < std::time::Duration::from_secs(1) {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else { return };
        if last.elapsed() < std::time::Duration::from_millis(100) && done < total {
            return;
        }
        *last = std::time::Instant::now();
        self.shown.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = write!(std::io::stderr().lock(), "\rclaimdiff: reading sources {done}/{total}");
    }

    /// Clears the line, if one was shown.
    pub fn finish(&self) {
        if self.shown.load(std::sync::atomic::Ordering::Relaxed) {
            // Clear the progress line so the report starts on a clean terminal.
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}
