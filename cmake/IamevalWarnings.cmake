# Warning flags for the project's own targets (never for dependencies).
function(iameval_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local)
  if(IAMEVAL_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
