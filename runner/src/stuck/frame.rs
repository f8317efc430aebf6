//! Reading one frame of gdb's backtrace:
//! `#5  0x0000 in mpi::…::receive_with_tag<…> (self=0x7ffe, tag=1) at /…/point_to_point.rs:154`,
//! or, for a function inlined into the one below it, the same without `0x… in`.

/// The frame's function, with its generic arguments: `mpi::…::receive_with_tag<…>`.
pub fn function(frame: &str) -> Option<String> {
    let rest = frame
        .strip_prefix('#')?
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start();
    let rest = match rest.strip_prefix("0x") {
        Some(address) => address.split_once(" in ")?.1,
        None => rest,
    };
    let name = rest.split(" (").next()?.trim();
    (!name.is_empty() && name != "??").then(|| name.to_string())
}

/// The value gdb shows for the argument `name`, if the frame shows it: `1` for `tag` in
/// `(self=0x7ffe, tag=1)`.
pub fn argument<'a>(frame: &'a str, name: &str) -> Option<&'a str> {
    let (_, after) = frame
        .split_once(&format!(" {name}="))
        .or_else(|| frame.split_once(&format!("({name}=")))?;
    after.split([',', ')']).next()
}

/// The source file and line a frame names (`… at src/main.rs:14`), if it names one.
pub fn source_of(frame: &str) -> Option<(&str, &str)> {
    let (_, at) = frame.rsplit_once(" at ")?;
    let (file, line) = at.trim().rsplit_once(':')?;
    (file.ends_with(".rs") && line.chars().all(|c| c.is_ascii_digit())).then_some((file, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECEIVE: &str = "#6  0x0000564a in mpi::point_to_point::Source::receive_with_tag<\
        mpi::topology::AnyProcess, i32> (self=0x7ffd, tag=1) at /root/.cargo/registry/src/\
        index.crates.io-1949cf8c6b5b557f/mpi-0.8.2/src/point_to_point.rs:154";

    #[test]
    fn reads_the_function_its_arguments_and_its_line() {
        assert_eq!(
            function(RECEIVE).as_deref(),
            Some("mpi::point_to_point::Source::receive_with_tag<mpi::topology::AnyProcess, i32>")
        );
        assert_eq!(argument(RECEIVE, "tag"), Some("1"));
        assert_eq!(argument(RECEIVE, "self"), Some("0x7ffd"));
        assert_eq!(argument(RECEIVE, "buf"), None);
        assert_eq!(source_of(RECEIVE).map(|(_, line)| line), Some("154"));
    }

    #[test]
    fn reads_inlined_and_library_frames() {
        assert_eq!(
            function("#2  std::sys::fs::unix::File::read_buf () at library/std/src/sys/fs/unix.rs:1711")
                .as_deref(),
            Some("std::sys::fs::unix::File::read_buf")
        );
        assert_eq!(
            function("#0  0x00007fa1 in read () from /lib/x86_64-linux-gnu/libc.so.6").as_deref(),
            Some("read")
        );
        assert_eq!(function("#1  0x00007ff5 in ?? () from /usr/lib/libfoo.so"), None);
    }
}
