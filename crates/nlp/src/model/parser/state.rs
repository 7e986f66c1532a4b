//! The arc-eager parse state of spaCy's `StateC` and its five moves.
//!
//! Semantics follow spaCy 3.8 (`_state.pxd`, `arc_eager.pyx`) for a fresh
//! document whose only preset sentence start is token 0:
//!
//! - the buffer is the items pushed back by an "unshift" (most recent first),
//!   then the unread tokens from `b_i` on;
//! - `SHIFT` is valid on an empty stack, else when the buffer holds at least
//!   two items, `B0` is not a sentence start and `B0` is not unshiftable;
//! - `REDUCE` is valid whenever the stack is not empty (no token is marked
//!   "cannot start a sentence" before parsing); it pops `S0`, or puts it back
//!   on the buffer (unshift) when it has no head and the stack is deeper than 1;
//! - `LEFT-x` / `RIGHT-x` need a non-empty stack and buffer and `B0` not a
//!   sentence start; LEFT attaches `S0` to `B0` (replacing a previous head),
//!   makes `B0` shiftable again and pops; RIGHT attaches `B0` to `S0` and
//!   pushes `B0`;
//! - `BREAK` marks `B1` as a sentence start when `B1 == B0 + 1` and `B1` is
//!   not one already.
//!
//! Children lists are kept per head as append-only linked lists in one arena,
//! so that "last left/right child" (the `L(h, 1)` / `R(h, 1)` features) is O(1)
//! and a document needs no allocation per token.

/// A move type of the arc-eager system, in spaCy's enum order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Shift = 0,
    Reduce = 1,
    Left = 2,
    Right = 3,
    Break = 4,
}

impl Move {
    /// spaCy's one-letter move name (`S`, `D`, `L`, `R`, `B`).
    pub(crate) fn from_letter(s: &str) -> Option<Move> {
        Some(match s {
            "S" => Move::Shift,
            "D" => Move::Reduce,
            "L" => Move::Left,
            "R" => Move::Right,
            "B" => Move::Break,
            _ => return None,
        })
    }
}

const NONE: u32 = u32::MAX;

/// One entry of the children arena: a child and the previous entry of the
/// same head's list.
#[derive(Debug, Clone, Copy)]
struct Kid {
    child: u32,
    prev: u32,
}

/// The parse state of one document.
#[derive(Debug, Default)]
pub(crate) struct State {
    n: usize,
    b_i: usize,
    stack: Vec<u32>,
    rebuffer: Vec<u32>,
    /// Head of each token, or -1.
    pub(crate) heads: Vec<i32>,
    /// Raw (possibly decorated) label of each token's arc.
    pub(crate) labels: Vec<u16>,
    unshiftable: Vec<bool>,
    sent_start: Vec<bool>,
    kids: Vec<Kid>,
    last_left: Vec<u32>,
    last_right: Vec<u32>,
}

impl State {
    /// Resets the state for a document of `n` tokens, keeping the buffers.
    pub(crate) fn reset(&mut self, n: usize) {
        self.n = n;
        self.b_i = 0;
        self.stack.clear();
        self.rebuffer.clear();
        self.heads.clear();
        self.heads.resize(n, -1);
        self.labels.clear();
        self.labels.resize(n, 0);
        self.unshiftable.clear();
        self.unshiftable.resize(n, false);
        self.sent_start.clear();
        self.sent_start.resize(n, false);
        if n > 0 {
            // Doc construction marks token 0 as a sentence start.
            self.sent_start[0] = true;
        }
        self.kids.clear();
        self.last_left.clear();
        self.last_left.resize(n, NONE);
        self.last_right.clear();
        self.last_right.resize(n, NONE);
    }

    #[inline]
    fn s(&self, i: usize) -> i32 {
        let d = self.stack.len();
        if i < d {
            self.stack[d - 1 - i] as i32
        } else {
            -1
        }
    }

    #[inline]
    fn b(&self, i: usize) -> i32 {
        let r = self.rebuffer.len();
        if i < r {
            self.rebuffer[r - 1 - i] as i32
        } else {
            let b = self.b_i + (i - r);
            if b >= self.n {
                -1
            } else {
                b as i32
            }
        }
    }

    #[inline]
    fn buffer_length(&self) -> usize {
        (self.n - self.b_i) + self.rebuffer.len()
    }

    #[inline]
    fn is_sent_start(&self, w: i32) -> bool {
        w >= 0 && (w as usize) < self.n && self.sent_start[w as usize]
    }

    #[inline]
    fn has_head(&self, w: i32) -> bool {
        w >= 0 && self.heads[w as usize] >= 0
    }

    /// The state is final: empty stack and empty buffer.
    #[inline]
    pub(crate) fn is_final(&self) -> bool {
        self.stack.is_empty() && self.buffer_length() == 0
    }

    #[inline]
    fn last_kid(list: &[u32], kids: &[Kid], head: i32) -> i32 {
        if head < 0 {
            return -1;
        }
        match list[head as usize] {
            NONE => -1,
            k => kids[k as usize].child as i32,
        }
    }

    /// spaCy's `set_context_tokens` for 8 features: B0, B1, S0, S1, S2,
    /// L(B0, 1), L(S0, 1), R(S0, 1); -1 for a missing token.
    #[inline]
    pub(crate) fn context(&self) -> [i32; 8] {
        let b0 = self.b(0);
        let s0 = self.s(0);
        [
            b0,
            self.b(1),
            s0,
            self.s(1),
            self.s(2),
            Self::last_kid(&self.last_left, &self.kids, b0),
            Self::last_kid(&self.last_left, &self.kids, s0),
            Self::last_kid(&self.last_right, &self.kids, s0),
        ]
    }

    /// Validity of each move type, indexed by `Move as usize`.
    pub(crate) fn valid_moves(&self) -> [bool; 5] {
        let depth = self.stack.len();
        let buf = self.buffer_length();
        let b0 = self.b(0);
        let b0_start = self.is_sent_start(b0);
        let shift = if depth == 0 {
            true
        } else {
            buf >= 2 && !b0_start && !(b0 >= 0 && self.unshiftable[b0 as usize])
        };
        let reduce = depth > 0;
        let arc = depth > 0 && buf > 0 && !b0_start;
        let brk = buf >= 2 && {
            let b1 = self.b(1);
            b1 == b0 + 1 && !self.is_sent_start(b1)
        };
        [shift, reduce, arc, arc, brk]
    }

    fn push(&mut self) {
        let b0 = match self.rebuffer.pop() {
            Some(r) => r,
            None => {
                let b = self.b_i as u32;
                self.b_i += 1;
                b
            }
        };
        self.stack.push(b0);
    }

    fn add_arc(&mut self, head: i32, child: i32, label: u16) {
        if head < 0 || child < 0 {
            return;
        }
        let (h, c) = (head as usize, child as usize);
        let old = self.heads[c];
        if old >= 0 {
            // spaCy removes the old arc only when it is the last one of its
            // head's list (otherwise its removal is a no-op); with arc-eager
            // moves it always is the last one.
            let list = if old as usize > c {
                &mut self.last_left
            } else {
                &mut self.last_right
            };
            let k = list[old as usize];
            if k != NONE && self.kids[k as usize].child == child as u32 {
                list[old as usize] = self.kids[k as usize].prev;
            }
        }
        let list = if h > c {
            &mut self.last_left
        } else {
            &mut self.last_right
        };
        self.kids.push(Kid {
            child: child as u32,
            prev: list[h],
        });
        list[h] = (self.kids.len() - 1) as u32;
        self.heads[c] = head;
        self.labels[c] = label;
    }

    /// Applies a move (its validity is the caller's business, as in spaCy).
    pub(crate) fn apply(&mut self, mv: Move, label: u16) {
        match mv {
            Move::Shift => {
                if self.buffer_length() > 0 {
                    self.push();
                }
            }
            Move::Reduce => {
                let s0 = self.s(0);
                if s0 < 0 {
                    return;
                }
                if self.has_head(s0) || self.stack.len() == 1 {
                    self.stack.pop();
                } else {
                    self.unshiftable[s0 as usize] = true;
                    self.rebuffer.push(s0 as u32);
                    self.stack.pop();
                }
            }
            Move::Left => {
                let (b0, s0) = (self.b(0), self.s(0));
                self.add_arc(b0, s0, label);
                if b0 >= 0 {
                    self.unshiftable[b0 as usize] = false;
                }
                self.stack.pop();
            }
            Move::Right => {
                let (s0, b0) = (self.s(0), self.b(0));
                self.add_arc(s0, b0, label);
                if self.buffer_length() > 0 {
                    self.push();
                }
            }
            Move::Break => {
                let b1 = self.b(1);
                if b1 >= 0 {
                    self.sent_start[b1 as usize] = true;
                }
            }
        }
    }

    /// Ends the parse at once (spaCy's `force_final`, when no move is valid).
    pub(crate) fn force_final(&mut self) {
        self.stack.clear();
        self.rebuffer.clear();
        self.b_i = self.n;
    }
}
