//! The `claimdiff` binary: arguments → Config → claimdiff::run → output and exit status.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

mod cli;
mod progress;

use progress::Progress;

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
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let outcome = claimdiff::run_to(&config, &|done, total| progress.update(done, total), &mut stdout);
    progress.finish();
    match outcome {
        Ok(outcome) => {
            let mut stderr = std::io::stderr().lock();
            for warning in &outcome.warnings {
                let _ = writeln!(stderr, "claimdiff: warning: {warning}");
            }
            for note in &outcome.notes {
                let _ = writeln!(stderr, "claimdiff: {note}");
            }
            // A closed pipe (`| head`) is not an error: the reader has what it wanted.
            match stdout.write_all(outcome.stdout.as_bytes()).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(stderr, "claimdiff: error: cannot write output: {e}");
                    ExitCode::from(2)
                }
                _ => ExitCode::from(outcome.status.code()),
            }
        }
        // Streamed output met a closed pipe: as above, the reader has what it wanted.
        Err(claimdiff::Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            // What was streamed before the error stays visible; the status says the run failed.
            let _ = stdout.flush();
            let _ = writeln!(std::io::stderr().lock(), "claimdiff: error: {error}");
            ExitCode::from(claimdiff::Status::Failure.code())
        }
    }
}
