//! The main job behind `customer-core validate`: NDJSON create-customer requests in (of
//! one profile: Juice's by default, or the billing or account profile's), one JSON verdict
//! per record out, in input order, on every core.
//!
//! The input is read in chunks of lines by one thread, the chunks are validated by
//! `jobs` worker threads, and the calling thread writes their verdicts in input order.
//! A fixed pool of `2 * jobs + 2` chunk buffers circulates between them (reader, workers,
//! writer, back to the reader), so memory is bounded whatever the input's size and the
//! buffers are reused: the job allocates nothing per record beyond what
//! [`CreateCustomer::from_json`] does.
//!
//! Output, one line per record (`line` is the 1-based line number of the input):
//!
//! ```text
//! {"line":1,"valid":true,"customer":{"first_name":"John",…}}
//! {"line":2,"valid":false,"errors":[{"pointer":"/phone_number","code":"phone_country_mismatch","detail":"…"}]}
//! ```
//!
//! Blank lines are skipped; a bad line (invalid JSON, invalid UTF-8, longer than
//! [`MAX_BODY_BYTES`]) is an invalid record and never stops the run.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};

use customer_core::account::CreateAccountCustomer;
use customer_core::billing::CreateBillingCustomer;
use customer_core::{CreateCustomer, ValidationErrors, limits::MAX_BODY_BYTES};

pub mod json;

/// A chunk is handed to a worker once it holds this many bytes of records...
const CHUNK_BYTES: usize = 128 * 1024;
/// ...or this many records.
const CHUNK_RECORDS: usize = 1024;
/// The input is read through a buffer of this size.
const READ_BUFFER: usize = 256 * 1024;

/// Which verdicts to write (every record is validated and counted either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Only {
    /// Every verdict.
    #[default]
    All,
    /// Only the valid records' verdicts.
    Valid,
    /// Only the invalid records' verdicts.
    Invalid,
}

/// Which profile's create-customer request each record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Juice's (specs 000 and 001): [`CreateCustomer`].
    #[default]
    Juice,
    /// The billing profile's (spec 002): [`CreateBillingCustomer`].
    Billing,
    /// The account profile's (spec 003): [`CreateAccountCustomer`].
    Account,
}

/// How to run the job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Worker threads validating chunks (the reader and the writer run beside them).
    pub jobs: NonZeroUsize,
    /// Which verdicts to write.
    pub only: Only,
    /// Which profile's requests the records are.
    pub profile: Profile,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: NonZeroUsize::MIN,
            only: Only::All,
            profile: Profile::Juice,
        }
    }
}

/// What a run found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Records read (blank lines are not records).
    pub records: u64,
    /// Valid records.
    pub valid: u64,
    /// Invalid records.
    pub invalid: u64,
    /// How many errors of each code, sorted by code.
    pub codes: BTreeMap<&'static str, u64>,
    /// Bytes of input read (blank lines and line ends included).
    pub bytes: u64,
}

impl Summary {
    fn add(&mut self, other: &Summary) {
        self.records = self.records.saturating_add(other.records);
        self.valid = self.valid.saturating_add(other.valid);
        self.invalid = self.invalid.saturating_add(other.invalid);
        self.bytes = self.bytes.saturating_add(other.bytes);
        for (code, n) in &other.codes {
            let total = self.codes.entry(code).or_insert(0);
            *total = total.saturating_add(*n);
        }
    }
}

/// Why a run stopped early.
#[derive(Debug)]
pub enum Stop {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed (other than a closed pipe).
    Write(io::Error),
    /// The reader of the output went away (`| head`): not an error.
    BrokenPipe,
}

/// One record of a chunk: its line number and where its bytes are in `Chunk::data`.
struct Record {
    line: u64,
    start: usize,
    end: usize,
}

/// A run of consecutive lines, with their verdicts once validated.
#[derive(Default)]
struct Chunk {
    /// Position in the input (0, 1, 2, …): the writer puts chunks back in this order.
    seq: u64,
    data: Vec<u8>,
    records: Vec<Record>,
    out: Vec<u8>,
    summary: Summary,
}

impl Chunk {
    fn clear(&mut self) {
        self.data.clear();
        self.records.clear();
        self.out.clear();
        self.summary = Summary::default();
    }
}

/// Validates every record of `input`, writing one verdict line per record to `output`
/// in input order (filtered by `options.only`), with `options.jobs` worker threads.
///
/// `summary` is filled as chunks are written, so it is meaningful even when the run stops
/// early; `progress` is called with it after each chunk.
pub fn run<R, W>(
    input: R,
    mut output: W,
    options: Options,
    summary: &mut Summary,
    progress: &mut dyn FnMut(&Summary),
) -> Result<(), Stop>
where
    R: Read + Send,
    W: Write,
{
    let jobs = options.jobs.get();
    let pool = jobs.saturating_mul(2).saturating_add(2);
    let (free_tx, free_rx) = mpsc::sync_channel::<Chunk>(pool);
    for _ in 0..pool {
        // Cannot fail: the channel has room for the whole pool and its receiver is alive.
        let _ = free_tx.send(Chunk::default());
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(pool);
    let (done_tx, done_rx) = mpsc::channel::<Chunk>();
    let work_rx = Mutex::new(work_rx);
    let stop = AtomicBool::new(false);

    std::thread::scope(|scope| {
        let stop = &stop;
        let reader = scope.spawn(move || read_chunks(input, free_rx, work_tx, stop));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            scope.spawn(move || validate_chunks(work_rx, &done_tx, options));
        }
        drop(done_tx);

        let written = write_chunks(&done_rx, &free_tx, &mut output, summary, progress);
        // Whatever happened, let the reader and the workers finish: nothing more is taken.
        stop.store(true, Ordering::Relaxed);
        drop(done_rx);
        drop(free_tx);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")));
        match (written, read) {
            (Err(stop), _) => Err(stop),
            (Ok(()), Err(e)) => Err(Stop::Read(e)),
            (Ok(()), Ok(())) => output.flush().map_err(write_error),
        }
    })
}

/// The reader: fills free chunks with lines and queues them for the workers.
fn read_chunks<R: Read>(
    input: R,
    free: Receiver<Chunk>,
    work: SyncSender<Chunk>,
    stop: &AtomicBool,
) -> io::Result<()> {
    let mut input = BufReader::with_capacity(READ_BUFFER, input);
    let mut line: u64 = 0;
    let mut seq: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        let Ok(mut chunk) = free.recv() else {
            return Ok(()); // the writer stopped
        };
        chunk.seq = seq;
        seq = seq.saturating_add(1);
        let filled = fill(&mut input, &mut chunk, &mut line);
        let last = !matches!(filled, Ok(true));
        if (!chunk.records.is_empty() || chunk.summary.bytes > 0) && work.send(chunk).is_err() {
            return Ok(()); // every worker stopped
        }
        if last {
            return filled.map(|_| ());
        }
    }
    Ok(())
}

/// Reads lines into `chunk` until it is full (returns true) or the input ends (false).
fn fill(input: &mut impl BufRead, chunk: &mut Chunk, line: &mut u64) -> io::Result<bool> {
    let limit = MAX_BODY_BYTES.saturating_add(1);
    while chunk.data.len() < CHUNK_BYTES && chunk.records.len() < CHUNK_RECORDS {
        let start = chunk.data.len();
        let consumed = match read_line(input, &mut chunk.data, limit) {
            Ok(Some(consumed)) => consumed,
            Ok(None) => return Ok(false),
            Err(e) => {
                chunk.data.truncate(start);
                return Err(e);
            }
        };
        *line = line.saturating_add(1);
        chunk.summary.bytes = chunk.summary.bytes.saturating_add(consumed);
        let end = chunk.data.len();
        let text = chunk.data.get(start..).unwrap_or_default();
        if text.iter().all(u8::is_ascii_whitespace) {
            chunk.data.truncate(start);
            continue;
        }
        chunk.records.push(Record {
            line: *line,
            start,
            end,
        });
    }
    Ok(true)
}

/// Appends one line to `buf` without its `\n` (or `\r\n`), keeping at most `limit` bytes
/// of it: the rest of an overlong line is read and dropped, so memory stays bounded and
/// the kept prefix is still too large for `from_json`. Returns the bytes consumed from
/// the input, or `None` at the end of the input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Option<u64>> {
    let start = buf.len();
    let mut len: usize = 0; // the whole line's length, kept or not
    let mut consumed_total: u64 = 0;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((consumed_total > 0).then_some(consumed_total));
        }
        let newline = memchr::memchr(b'\n', available);
        let content = available
            .get(..newline.unwrap_or(available.len()))
            .unwrap_or_default();
        let room = limit.saturating_sub(buf.len().saturating_sub(start));
        buf.extend_from_slice(content.get(..room).unwrap_or(content));
        len = len.saturating_add(content.len());
        let consumed = content.len().saturating_add(usize::from(newline.is_some()));
        input.consume(consumed);
        consumed_total = consumed_total.saturating_add(consumed as u64);
        if newline.is_some() {
            // Only a line kept whole loses its `\r`: a cut one must stay over the limit.
            if len == buf.len().saturating_sub(start) && buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(consumed_total));
        }
    }
}

/// A worker: validates queued chunks until the queue closes or the writer stops.
fn validate_chunks(work: &Mutex<Receiver<Chunk>>, done: &Sender<Chunk>, options: Options) {
    loop {
        let next = match work.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(mut chunk) = next else {
            return;
        };
        match options.profile {
            Profile::Juice => validate_chunk(&mut chunk, options.only, CreateCustomer::from_json),
            Profile::Billing => {
                validate_chunk(&mut chunk, options.only, CreateBillingCustomer::from_json)
            }
            Profile::Account => {
                validate_chunk(&mut chunk, options.only, CreateAccountCustomer::from_json)
            }
        }
        if done.send(chunk).is_err() {
            return;
        }
    }
}

/// Validates a chunk's records as `T` (monomorphized per profile: no dispatch per record).
fn validate_chunk<T: json::Verdict>(
    chunk: &mut Chunk,
    only: Only,
    from_json: fn(&[u8]) -> Result<T, ValidationErrors>,
) {
    let Chunk {
        data,
        records,
        out,
        summary,
        ..
    } = chunk;
    for record in records.iter() {
        let body = data.get(record.start..record.end).unwrap_or_default();
        summary.records = summary.records.saturating_add(1);
        match from_json(body) {
            Ok(request) => {
                summary.valid = summary.valid.saturating_add(1);
                if only != Only::Invalid {
                    request.write_valid(out, record.line);
                }
            }
            Err(errors) => {
                summary.invalid = summary.invalid.saturating_add(1);
                for e in &errors {
                    let n = summary.codes.entry(e.code().as_str()).or_insert(0);
                    *n = n.saturating_add(1);
                }
                if only != Only::Valid {
                    json::write_invalid(out, record.line, &errors);
                }
            }
        }
    }
}

/// The writer: puts validated chunks back in input order, writes them, and returns their
/// buffers to the pool.
fn write_chunks(
    done: &Receiver<Chunk>,
    free: &SyncSender<Chunk>,
    output: &mut impl Write,
    summary: &mut Summary,
    progress: &mut dyn FnMut(&Summary),
) -> Result<(), Stop> {
    // At most the pool's size: chunks wait here only for an earlier one.
    let mut pending: BTreeMap<u64, Chunk> = BTreeMap::new();
    let mut next: u64 = 0;
    for chunk in done {
        pending.insert(chunk.seq, chunk);
        while let Some(mut chunk) = pending.remove(&next) {
            next = next.saturating_add(1);
            summary.add(&chunk.summary);
            output.write_all(&chunk.out).map_err(write_error)?;
            progress(summary);
            chunk.clear();
            // Fails only once the reader has stopped: the buffer is then simply dropped.
            let _ = free.send(chunk);
        }
    }
    Ok(())
}

fn write_error(e: io::Error) -> Stop {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Stop::BrokenPipe
    } else {
        Stop::Write(e)
    }
}

#[cfg(test)]
mod tests;
