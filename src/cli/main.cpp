#include "lexgit/error.hpp"
#include <iostream>
int main() { std::cout << "lexgit\n"; return 0; }
