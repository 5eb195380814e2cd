// Imported first by the entry points (the server, the chat, the start-up benchmarks): evaluated
// before the rest of the program, it starts jieba's dictionary and the SGD trainer on their worker
// threads while the other modules load (the server's take over a second), so the knowledge base's
// build finds the dictionary built and the trainer's code optimised.
import './jieba.js';
import './linearModel.js';
