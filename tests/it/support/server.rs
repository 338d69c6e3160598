//! Helpers for tests that run the built `standpoint` binary as a child process: a server on an
//! ephemeral port, a tiny HTTP/1.1 client that checks a response arrived whole, and a crawler.
#![allow(unreachable_pub)]

use std::collections::{BTreeSet, VecDeque};
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_standpoint"))
}

/// The repository's seed articles.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A command for `program` with the environment variables the CLI reads removed, so that the
/// test's own environment cannot change what is tested.
pub fn clean_command(program: &Path) -> Command {
    let mut cmd = Command::new(program);
    for var in [
        "STANDPOINT_CORPUS",
        "STANDPOINT_CONFIG",
        "STANDPOINT_ADDR",
        "STANDPOINT_LOG_FORMAT",
        "STANDPOINT_SNAPSHOT",
        "PORT",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("RUST_LOG", "info");
    cmd
}

/// A finished command's standard output, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A finished command's standard error, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A port nobody listens on right now, and never handed out before in this test process.
///
/// All areas run in one binary, on parallel threads: the kernel may give a port just released by
/// one test's probe to another test's probe before the first test's server has bound it, so ports
/// already handed out are remembered and skipped.
pub fn free_port() -> u16 {
    static GIVEN: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("bind an ephemeral port")
            .port();
        if given.insert(port) {
            return port;
        }
    }
}

/// Copies every file of `from` into `to` (not recursively).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        if entry.file_type().expect("file type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy file");
        }
    }
}

/// A running `standpoint` server, killed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: SocketAddr,
    log: PathBuf,
    _log_dir: tempfile::TempDir,
}

impl Server {
    /// Starts `cmd` (a `standpoint` command line that will listen on `addr`) and waits until it
    /// has indexed and is ready (`/healthz` answers 200).
    pub fn start(cmd: Command, addr: SocketAddr) -> Server {
        let mut server = Server::start_listening(cmd, addr);
        server.wait_until("ready (/healthz 200)", || {
            get(addr, "/healthz").is_ok_and(|r| r.status == 200)
        });
        server
    }

    /// Polls `done` for up to 60 s, failing with the server's logs if it exits or time runs out.
    fn wait_until(&mut self, what: &str, done: impl Fn() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !done() {
            if let Some(status) = self.child.try_wait().expect("poll the server") {
                panic!(
                    "the server exited with {status} before it was {what}:\n{}",
                    self.logs()
                );
            }
            assert!(
                Instant::now() < deadline,
                "the server on {} was not {what} within 60 s:\n{}",
                self.addr,
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Starts `cmd` (a `standpoint` command line that will listen on `addr`) and waits until the
    /// port accepts connections, which a server does before it indexes.
    pub fn start_listening(mut cmd: Command, addr: SocketAddr) -> Server {
        let log_dir = tempfile::tempdir().expect("temp dir");
        let log = log_dir.path().join("server.log");
        let file = std::fs::File::create(&log).expect("log file");
        cmd.stdin(Stdio::null())
            .stdout(file.try_clone().expect("log file"))
            .stderr(file);
        // A binary copied just now may still be open for writing in a child that another test
        // thread forked meanwhile (until it execs): the kernel says "text file busy". Retry.
        let mut tries = 0;
        let child = loop {
            match cmd.spawn() {
                Err(e) if e.kind() == io::ErrorKind::ExecutableFileBusy && tries < 50 => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(20));
                }
                other => break other.expect("start the server"),
            }
        };
        let mut server = Server {
            child,
            addr,
            log,
            _log_dir: log_dir,
        };
        server.wait_until("listening", || {
            TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
        });
        server
    }

    /// Starts the binary at `program` with `args` plus `--addr 127.0.0.1:PORT` on a free port.
    pub fn spawn(program: &Path, args: &[&str], cwd: &Path) -> Server {
        let addr: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
        let mut cmd = clean_command(program);
        cmd.current_dir(cwd)
            .args(args)
            .arg("--addr")
            .arg(addr.to_string());
        Server::start(cmd, addr)
    }

    /// What the server wrote to standard output and standard error so far.
    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends a signal by name (`TERM`, `INT`) with the `kill` command.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg("-s")
            .arg(name)
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {name} failed");
    }

    /// Waits at most `limit` for the server to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the server") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// GET `path` on this server.
    pub fn get(&self, path: &str) -> Response {
        get(self.addr, path).unwrap_or_else(|e| panic!("GET {path}: {e}\n{}", self.logs()))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// An HTTP response read whole.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Writes a `GET path` request with `Connection: close`.
pub fn send_get(stream: &mut TcpStream, addr: SocketAddr, path: &str) -> io::Result<()> {
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: standpoint-tests\r\n\
         Connection: close\r\n\r\n"
    )?;
    stream.flush()
}

/// GET `path` over a new connection, with a 30 s timeout.
pub fn get(addr: SocketAddr, path: &str) -> io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    send_get(&mut stream, addr, path)?;
    read_response(BufReader::new(stream))
}

/// Reads the status line and headers of a response.
pub fn read_head(reader: &mut impl BufRead) -> io::Result<(u16, Vec<(String, String)>)> {
    let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, m.to_string());
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .strip_prefix("HTTP/1.")
        .and_then(|r| r.get(2..5))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| bad(&format!("not an HTTP status line: {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(bad("connection closed inside the headers"));
        }
        let l = line.trim_end();
        if l.is_empty() {
            return Ok((status, headers));
        }
        let (k, v) = l.split_once(':').ok_or_else(|| bad("malformed header"))?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
}

/// Reads a whole response and fails unless its body is complete: exactly `Content-Length`
/// bytes, or chunks up to the final empty one.
pub fn read_response(mut reader: impl BufRead) -> io::Result<Response> {
    let (status, headers) = read_head(&mut reader)?;
    let body = read_body(&mut reader, &headers)?;
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// Reads a body after its headers, checking that it is complete.
pub fn read_body(reader: &mut impl BufRead, headers: &[(String, String)]) -> io::Result<Vec<u8>> {
    let truncated = |what: String| io::Error::new(io::ErrorKind::UnexpectedEof, what);
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let mut body = Vec::new();
    if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            if reader.read_line(&mut size)? == 0 {
                return Err(truncated("chunked body ended before its last chunk".into()));
            }
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| truncated(format!("bad chunk size {size:?}")))?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                return Ok(body);
            }
            body.extend_from_slice(&chunk[..size]);
        }
    }
    reader.read_to_end(&mut body)?;
    if let Some(len) = find("content-length").and_then(|v| v.parse::<usize>().ok())
        && body.len() != len
    {
        return Err(truncated(format!("body has {} of {len} bytes", body.len())));
    }
    Ok(body)
}

/// Same-origin links of an HTML page or a stylesheet: `href`, `src` and CSS `url(...)`.
pub fn links(content_type: &str, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if content_type.starts_with("text/html") {
        let doc = scraper::Html::parse_document(body);
        let sel =
            scraper::Selector::parse("a[href], link[href], script[src], img[src], source[src]")
                .expect("selector");
        for el in doc.select(&sel) {
            let v = el.value();
            out.extend(v.attr("href").or_else(|| v.attr("src")).map(str::to_string));
        }
    } else if content_type.starts_with("text/css") {
        for part in body.split("url(").skip(1) {
            if let Some(end) = part.find(')') {
                out.push(part[..end].trim_matches(['"', '\'', ' ']).to_string());
            }
        }
    }
    out.into_iter()
        .filter(|l| l.starts_with('/') && !l.starts_with("//"))
        .map(|l| l.split('#').next().unwrap_or_default().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Fetches `start` and every same-origin page and asset reachable from it, at most `limit`
/// URLs, and returns each URL with its response.
pub fn crawl(addr: SocketAddr, start: &[&str], limit: usize) -> Vec<(String, Response)> {
    let mut seen: BTreeSet<String> = start.iter().map(|s| s.to_string()).collect();
    let mut queue: VecDeque<String> = start.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    while let Some(url) = queue.pop_front() {
        let response = get(addr, &url).unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let content_type = response.header("content-type").unwrap_or("").to_string();
        for link in links(&content_type, &response.text()) {
            if seen.len() < limit && seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
        out.push((url, response));
    }
    out
}
