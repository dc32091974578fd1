//! Test support: which variables each message of each catalog uses, read from the Fluent syntax
//! tree, so that rendering with an argument the message does not use (or without one it needs)
//! fails the test that did it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::catalog::source;
use super::keys::Key;
use crate::lang::UiLang;

/// Message id → the variables its value uses.
pub(crate) type VarMap = BTreeMap<String, BTreeSet<String>>;

static KY: LazyLock<VarMap> = LazyLock::new(|| variables(source(UiLang::Ky)));
static RU: LazyLock<VarMap> = LazyLock::new(|| variables(source(UiLang::Ru)));

/// The variables of every message of a catalog.
pub(crate) fn for_lang(lang: UiLang) -> &'static VarMap {
    match lang {
        UiLang::Ky => &KY,
        UiLang::Ru => &RU,
    }
}

/// Parses a catalog and collects each message's variables; panics on syntax errors.
pub(crate) fn variables(source: &str) -> VarMap {
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| errors).expect("catalog parses");
    let mut map = VarMap::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let mut vars = BTreeSet::new();
            if let Some(value) = &message.value {
                collect_pattern(value, &mut vars);
            }
            let previous = map.insert(message.id.name.to_owned(), vars);
            assert!(previous.is_none(), "duplicate message id `{}`", message.id.name);
        }
    }
    map
}

fn collect_pattern(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expression(expression, vars);
        }
    }
}

fn collect_expression(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for variant in variants {
                collect_pattern(&variant.value, vars);
            }
        }
        Expression::Inline(inline) => collect_inline(inline, vars),
    }
}

fn collect_inline(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                collect_inline(arg, vars);
            }
        }
        InlineExpression::Placeable { expression } => collect_expression(expression, vars),
        _ => {}
    }
}

/// Panics unless the arguments given are exactly the variables the message uses.
pub(crate) fn assert_args_match<'a>(lang: UiLang, key: Key, given: impl Iterator<Item = &'a str>) {
    let given: BTreeSet<String> = given.map(str::to_owned).collect();
    let used = for_lang(lang).get(key.id()).unwrap_or_else(|| panic!("`{}` missing in {}", key.id(), lang.code()));
    assert_eq!(&given, used, "arguments of `{}` in {}: given vs used", key.id(), lang.code());
}
