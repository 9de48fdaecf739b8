//! The `claimdiff` binary: arguments → Config → claimdiff::run → output and exit status.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let config = match cli::Cli::try_parse().map(cli::Cli::resolve) {
        Ok(cli::Resolved::Run(config)) => config,
        Ok(cli::Resolved::Print(bytes)) => {
            let mut stdout = std::io::stdout().lock();
            return match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => ExitCode::from(2),
                _ => ExitCode::SUCCESS,
            };
        }
        Err(error) => {
            // Help and version go to stdout with status 0; usage errors to stderr with status 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let progress = Progress::new(config.format.is_human());
    let outcome = claimdiff::run_with_progress(&config, &|done, total| progress.update(done, total));
    progress.finish();
    match outcome {
        Ok(outcome) => {
            let mut stderr = std::io::stderr().lock();
            for warning in &outcome.warnings {
                let _ = writeln!(stderr, "claimdiff: warning: {warning}");
            }
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error: the reader has what it wanted.
            match stdout.write_all(outcome.stdout.as_bytes()).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(stderr, "claimdiff: error: cannot write output: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::from(outcome.status.code()),
            }
        }
        Err(error) => {
            let _ = writeln!(std::io::stderr().lock(), "claimdiff: error: {error}");
            ExitCode::from(claimdiff::Status::Failure.code())
        }
    }
}

/// A progress line on standard error for runs longer than a second, only when standard error is
/// a terminal and the output is for people (never in CI formats or pipes).
struct Progress {
    enabled: bool,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
    last: std::sync::Mutex<std::time::Instant>,
}

impl Progress {
    fn new(human_output: bool) -> Progress {
        use std::io::IsTerminal;
        let now = std::time::Instant::now();
        Progress {
            enabled: human_output && std::io::stderr().is_terminal(),
            started: now,
            shown: std::sync::atomic::AtomicBool::new(false),
            last: std::sync::Mutex::new(now),
        }
    }

    fn update(&self, done: usize, total: usize) {
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

    fn finish(&self) {
        if self.shown.load(std::sync::atomic::Ordering::Relaxed) {
            // Clear the progress line so the report starts on a clean terminal.
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }
}
