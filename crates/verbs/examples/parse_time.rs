fn main() {
    let t = std::time::Instant::now();
    let n = 20;
    for _ in 0..n {
        let d = dyad_verbs::Dictionary::parse(dyad_verbs::SOURCE).unwrap();
        std::hint::black_box(&d);
    }
    println!("{:?} per parse", t.elapsed() / n);
}
