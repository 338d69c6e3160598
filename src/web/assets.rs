//! Static assets compiled into the binary and served under content-hashed names
//! (`/static/style.1a2b3c4d5e6f.css`) with year-long immutable cache headers.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::{AppError, Problem};

/// One embedded file.
struct Asset {
    /// The name in `static/`, e.g. `style.css`.
    name: &'static str,
    /// The served name with the content hash, e.g. `style.1a2b3c4d5e6f.css`.
    hashed: String,
    /// The URL path, e.g. `/static/style.1a2b3c4d5e6f.css`.
    url: String,
    content_type: &'static str,
    bytes: &'static [u8],
}

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../static/style.css"),
    ),
    (
        "copy.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../static/copy.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../../static/favicon.svg"),
    ),
];

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|&(name, content_type, bytes)| {
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            let hashed = format!("{stem}.{:012x}.{ext}", fnv1a(bytes) >> 16);
            Asset {
                name,
                url: format!("/static/{hashed}"),
                hashed,
                content_type,
                bytes,
            }
        })
        .collect()
});

/// The hashed URL of an embedded file, for templates; `/static/{name}` if there is no such file.
pub fn url(name: &str) -> &'static str {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.url.as_str())
        .unwrap_or("/static/missing")
}

/// `GET /static/{file}`: an embedded file by its hashed name.
pub(crate) async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let asset = ASSETS
        .iter()
        .find(|a| a.hashed == file)
        .ok_or_else(|| AppError::new(Problem::NotFound))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        asset.bytes,
    )
        .into_response())
}

/// FNV-1a, 64 bits: a small, stable content hash for asset names and ETags.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
