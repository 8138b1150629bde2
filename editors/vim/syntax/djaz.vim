" Vim syntax file
" Language:    djaz (.djaz specs of Django applications on Azure)
" Reference:   docs/language.md in the djaz source tree
"
" Follows grammar/djaz.l: names are [A-Za-z_][A-Za-z0-9_-]*, strings end
" on the line where they start, and ${...} holds a dotted reference.
" Keep the groups in step with editors/vscode/syntaxes/djaz.tmLanguage.json.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syntax case match
" `-` belongs to names, so `on-prem` is one name, not the keyword `on`.
syntax iskeyword @,48-57,_,-

" Keywords.  `djaz 1` is the header; `import` brings in a module.
syntax keyword djazHeader  djaz
syntax keyword djazImport  import
syntax keyword djazBoolean true false on off

" Numbers: -?(0|[1-9][0-9]*)(\.[0-9]+)?  Anything else that starts like a
" number (007, 1.2.3, 1e3) is malformed; the valid form is defined last so
" that it wins where both match the same text.
syntax match djazNumberError /\%([A-Za-z0-9_.-]\)\@1<!-\=\d[0-9A-Za-z_.]*/
syntax match djazNumber      /\%([A-Za-z0-9_.-]\)\@1<!-\=\%(0\|[1-9]\d*\)\%(\.\d\+\)\=[0-9A-Za-z_.]\@!/

" Heads.  The first name (possibly dotted) of a statement, when the line
" goes on with labels (names or strings) and then `{` (a block) or `=` (an
" attribute or a map entry).  A statement starts at the beginning of a
" line or after `{`, `}`, `;` or `,`.
syntax match djazBlockHead /\%(^\|[{};,]\)\@1<=\s*\zs\%(\%(djaz\|import\|true\|false\|on\|off\)[A-Za-z0-9_-]\@!\)\@![A-Za-z_][A-Za-z0-9_-]*\%(\.[A-Za-z_][A-Za-z0-9_-]*\)*\ze\%(\s\+\%([A-Za-z_][A-Za-z0-9_-]*\|"\%([^"\\]\|\\.\)*"\)\)*\s*{/
syntax match djazAttrHead  /\%(^\|[{};,]\)\@1<=\s*\zs\%(\%(djaz\|import\|true\|false\|on\|off\)[A-Za-z0-9_-]\@!\)\@![A-Za-z_][A-Za-z0-9_-]*\%(\.[A-Za-z_][A-Za-z0-9_-]*\)*\ze\%(\s\+\%([A-Za-z_][A-Za-z0-9_-]*\|"\%([^"\\]\|\\.\)*"\)\)*\s*=/

" Punctuation.  `:` is never valid: djaz writes `name = value`.
syntax match djazOperator   /=/
syntax match djazDelimiter  /[{}\[\],;.]/
syntax match djazColonError /:/

" Strings: one line; escapes \" \\ \n \r \t \$ \u{X}; ${a.b} interpolation.
syntax region djazString start=/"/ skip=/\\\\\|\\"/ end=/"/ end=/$/ oneline contains=djazEscapeError,djazEscape,djazInterp,@Spell
syntax match  djazEscapeError /\\./ contained
syntax match  djazEscape      /\\["\\nrt$]/ contained
syntax match  djazEscape      /\\u{\x\{1,6}}/ contained
syntax region djazInterp matchgroup=djazInterpDelim start=/\${/ end=/}/ end=/\ze"/ end=/$/ oneline contained contains=djazInterpRef,djazInterpError
syntax match  djazInterpError /[^A-Za-z0-9_. \t-]/ contained
syntax match  djazInterpRef   /[A-Za-z_][A-Za-z0-9_-]*/ contained

" Comments: `#` or `//` to the end of the line.
syntax keyword djazTodo contained TODO FIXME XXX NOTE
syntax match djazComment /#.*$/  contains=djazTodo,@Spell
syntax match djazComment /\/\/.*$/ contains=djazTodo,@Spell

highlight default link djazHeader      Keyword
highlight default link djazImport      Include
highlight default link djazBoolean     Boolean
highlight default link djazNumber      Number
highlight default link djazNumberError Error
highlight default link djazBlockHead   Type
highlight default link djazAttrHead    Identifier
highlight default link djazOperator    Operator
highlight default link djazDelimiter   Delimiter
highlight default link djazColonError  Error
highlight default link djazString      String
highlight default link djazEscape      SpecialChar
highlight default link djazEscapeError Error
highlight default link djazInterp      Identifier
highlight default link djazInterpDelim Special
highlight default link djazInterpRef   Identifier
highlight default link djazInterpError Error
highlight default link djazTodo        Todo
highlight default link djazComment     Comment

let b:current_syntax = 'djaz'

let &cpo = s:cpo_save
unlet s:cpo_save
