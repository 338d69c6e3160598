//! Extraction throughput on the seeds (MB/s): segmentation, attribution, topics and stance.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use standpoint::corpus::{self, BoilerplateMatcher};
use standpoint::extract::Extractor;
use standpoint::{Config, text};

fn extraction(c: &mut Criterion) {
    let config = Config::default_config();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let loaded = corpus::load_dir(&dir, &config).expect("seeds load");
    let matcher = BoilerplateMatcher::new(&config);
    let extractor = Extractor::new(&config);
    let raw: Vec<(String, String)> = loaded
        .documents
        .iter()
        .map(|d| (d.file.clone(), d.text.clone()))
        .collect();
    let bytes: usize = raw.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("seeds");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse+segment+extract", |b| {
        b.iter(|| {
            let mut n = 0;
            for (file, body) in &raw {
                let doc = corpus::parse_document(file, body.clone(), &matcher);
                let seg = text::segment(&doc);
                n += extractor.extract(&doc, &seg).claims.len();
            }
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
