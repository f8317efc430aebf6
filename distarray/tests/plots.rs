//! `distarray-plots` writes exactly the pictures `plot::chapter_pictures` draws.

use distarray::plot::chapter_pictures;

#[test]
fn the_command_writes_the_chapter_pictures() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("img");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_distarray-plots"))
        .arg(&folder)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the command starts");
    assert!(status.success());
    let pictures = chapter_pictures();
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), pictures.len());
    for (name, svg) in pictures {
        assert_eq!(std::fs::read_to_string(folder.join(name)).unwrap(), svg, "{name}");
    }
}
