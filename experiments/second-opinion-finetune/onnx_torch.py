"""Runs an ONNX graph (bge-small-en-v1.5, fp32, as LangChain4j ships it) as a PyTorch module whose
initializers are trainable parameters, so the network can be fine-tuned without Hugging Face's
libraries (not packaged for Debian). Only the 19 operators that graph uses are implemented."""
import onnx
import torch
from onnx import numpy_helper


class OnnxModule(torch.nn.Module):
    def __init__(self, path):
        super().__init__()
        model = onnx.load(path)
        self.graph = model.graph
        self.params = torch.nn.ParameterDict()
        self.names = {}
        for i, init in enumerate(self.graph.initializer):
            array = numpy_helper.to_array(init).copy()
            tensor = torch.from_numpy(array)
            key = "p%d" % i
            if tensor.is_floating_point():
                self.params[key] = torch.nn.Parameter(tensor)
            else:
                self.register_buffer(key, tensor)
            self.names[init.name] = key
        self.inputs = [i.name for i in self.graph.input]

    def tensor(self, name, env):
        if name in env:
            return env[name]
        key = self.names[name]
        return self.params[key] if key in self.params else getattr(self, key)

    def forward(self, **feeds):
        env = dict(feeds)
        for node in self.graph.node:
            a = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
            ins = [self.tensor(n, env) if n else None for n in node.input]
            op = node.op_type
            if op == "Constant":
                out = torch.from_numpy(numpy_helper.to_array(a["value"]).copy())
            elif op == "Add":
                out = ins[0] + ins[1]
            elif op == "Sub":
                out = ins[0] - ins[1]
            elif op == "Mul":
                out = ins[0] * ins[1]
            elif op == "Div":
                out = ins[0] / ins[1]
            elif op == "Pow":
                out = torch.pow(ins[0], ins[1])
            elif op == "Sqrt":
                out = torch.sqrt(ins[0])
            elif op == "Erf":
                out = torch.erf(ins[0])
            elif op == "MatMul":
                out = torch.matmul(ins[0], ins[1])
            elif op == "Softmax":
                out = torch.softmax(ins[0], dim=a.get("axis", -1))
            elif op == "ReduceMean":
                out = ins[0].mean(dim=tuple(a["axes"]), keepdim=bool(a.get("keepdims", 1)))
            elif op == "Gather":
                axis = a.get("axis", 0)
                idx = ins[1].long()
                if axis == 0 and ins[0].dim() >= 1:
                    out = ins[0][idx]
                else:
                    out = torch.index_select(ins[0], axis, idx.reshape(-1)).reshape(
                        ins[0].shape[:axis] + idx.shape + ins[0].shape[axis + 1 :]
                    )
            elif op == "Shape":
                out = torch.tensor(list(ins[0].shape), dtype=torch.int64)
            elif op == "Unsqueeze":
                axes = a["axes"] if "axes" in a else ins[1].tolist()
                out = ins[0]
                for ax in sorted(axes):
                    out = out.unsqueeze(ax)
            elif op == "Concat":
                out = torch.cat([t.reshape(1) if t.dim() == 0 else t for t in ins], dim=a["axis"])
            elif op == "Reshape":
                shape = [int(s) for s in ins[1].tolist()]
                shape = [ins[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
                out = ins[0].reshape(shape)
            elif op == "Transpose":
                out = ins[0].permute(*a["perm"])
            elif op == "Cast":
                to = a["to"]
                out = ins[0].float() if to == onnx.TensorProto.FLOAT else ins[0].long()
            elif op == "Slice":
                starts, ends = ins[1].tolist(), ins[2].tolist()
                axes = ins[3].tolist() if len(ins) > 3 and ins[3] is not None else list(range(len(starts)))
                steps = ins[4].tolist() if len(ins) > 4 and ins[4] is not None else [1] * len(starts)
                out = ins[0]
                for s, e, ax, st in zip(starts, ends, axes, steps):
                    n = out.shape[ax]
                    e = min(e, n)
                    out = out.narrow(ax, s, e - s) if st == 1 else out[(slice(None),) * ax + (slice(s, e, st),)]
            else:
                raise NotImplementedError(op)
            env[node.output[0]] = out
        return env[self.graph.output[0].name]
