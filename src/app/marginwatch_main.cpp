// Placeholder: replaced by the CLI work (issue 7).
int main() { return 0; }
